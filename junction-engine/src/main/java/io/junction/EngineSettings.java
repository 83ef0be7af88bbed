package io.junction;

import io.junction.exec.memory.MemoryPool;
import io.junction.exec.spill.SpillSpace;
import io.junction.vector.Batch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Engine-wide settings.
 *
 * <p>Memory: all queries in the JVM share a pool of {@link MemoryPool#HEAP_SHARE} (60%) of the maximum
 * heap for the rows their operators hold; the rest is left to everything else (batches in flight, source
 * drivers, Calcite). Within it each query has two limits. By default a query starts spilling at a quarter
 * of the pool, so four large queries can run side by side before any of them spills, and fails at half
 * the pool, so one query can never take all of it. A spill threshold of 0 makes hash joins, aggregates
 * and sorts spill at once.
 *
 * @param batchSize            rows per batch read from sources and passed between operators
 * @param pushdown             whether work is pushed into sources beyond plain scans; off runs every operator in
 *                             Junction's own engine (used to test the engine against the sources)
 * @param memoryLimitBytes     per query: above this, hash joins, hash aggregates and sorts spill to disk
 * @param hardMemoryLimitBytes per query: above this, the query fails with OUT_OF_MEMORY (SQLSTATE 53200)
 * @param spillDirectory       where spill files go (each query in a directory of its own, removed at its end)
 * @param forceSpill           spill at the first opportunity regardless of memory, to exercise the spill paths
 * @param sourceParallelism    into how many parts at most a large table scan is split, read over as many connections
 *                             at once (PostgreSQL ctid page ranges, MariaDB key ranges); 1 reads every scan as one
 *                             statement
 */
public record EngineSettings(int batchSize, boolean pushdown, long memoryLimitBytes, long hardMemoryLimitBytes,
                             Path spillDirectory, boolean forceSpill, int sourceParallelism) {
    public EngineSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (sourceParallelism < 1) {
            throw new IllegalArgumentException("source parallelism must be at least 1, got " + sourceParallelism);
        }
        if (memoryLimitBytes < 0 || hardMemoryLimitBytes < 1) {
            throw new IllegalArgumentException("memory limits must be positive, got " + memoryLimitBytes + " and " + hardMemoryLimitBytes);
        }
        Objects.requireNonNull(spillDirectory, "spillDirectory");
    }

    public EngineSettings(int batchSize, boolean pushdown, long memoryLimitBytes, long hardMemoryLimitBytes,
                          Path spillDirectory, boolean forceSpill) {
        this(batchSize, pushdown, memoryLimitBytes, hardMemoryLimitBytes, spillDirectory, forceSpill, defaultSourceParallelism());
    }

    public EngineSettings(int batchSize, boolean pushdown) {
        this(batchSize, pushdown, defaultMemoryLimit(), defaultHardMemoryLimit(), SpillSpace.defaultDirectory(), false);
    }

    /** The machine's cores, at least 2 and at most 4: more connections per scan rarely pay and crowd the source's pool. */
    public static int defaultSourceParallelism() {
        return Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 4);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Batch.DEFAULT_SIZE, true);
    }

    /** A quarter of the shared pool, but at least 16 MB. */
    public static long defaultMemoryLimit() {
        return Math.max(16L << 20, MemoryPool.shared().capacity() / 4);
    }

    /** Half the shared pool, but at least 32 MB. */
    public static long defaultHardMemoryLimit() {
        return Math.max(32L << 20, MemoryPool.shared().capacity() / 2);
    }

    public EngineSettings withBatchSize(int rows) {
        return new EngineSettings(rows, pushdown, memoryLimitBytes, hardMemoryLimitBytes, spillDirectory, forceSpill, sourceParallelism);
    }

    public EngineSettings withPushdown(boolean on) {
        return new EngineSettings(batchSize, on, memoryLimitBytes, hardMemoryLimitBytes, spillDirectory, forceSpill, sourceParallelism);
    }

    /** Spill threshold and hard limit per query, in bytes. */
    public EngineSettings withMemoryLimits(long spillAtBytes, long failAtBytes) {
        return new EngineSettings(batchSize, pushdown, spillAtBytes, failAtBytes, spillDirectory, forceSpill, sourceParallelism);
    }

    public EngineSettings withSpillDirectory(Path directory) {
        return new EngineSettings(batchSize, pushdown, memoryLimitBytes, hardMemoryLimitBytes, directory, forceSpill, sourceParallelism);
    }

    public EngineSettings withForceSpill(boolean on) {
        return new EngineSettings(batchSize, pushdown, memoryLimitBytes, hardMemoryLimitBytes, spillDirectory, on, sourceParallelism);
    }

    /** At most {@code parts} connections per table scan; 1 turns split scans off. */
    public EngineSettings withSourceParallelism(int parts) {
        return new EngineSettings(batchSize, pushdown, memoryLimitBytes, hardMemoryLimitBytes, spillDirectory, forceSpill, parts);
    }
}
