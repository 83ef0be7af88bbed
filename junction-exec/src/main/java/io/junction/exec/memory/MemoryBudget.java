package io.junction.exec.memory;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;

/**
 * The memory one query may hold in its operators. Two limits: above the spill threshold, operators that
 * can spill (hash join, hash aggregate, sort) move data to disk; above the hard limit any further
 * reservation fails the query with OUT_OF_MEMORY. Every reservation is also taken from the shared
 * {@link MemoryPool}; a pool running low counts as being over the spill threshold, an empty pool as
 * being over the hard limit.
 *
 * <p>Used by the query's own thread only (one operator tree runs on one thread); {@link #close} may run on
 * the thread that ends the query and returns whatever operators left reserved to the pool.
 */
public final class MemoryBudget implements AutoCloseable {
    /** When less than this share of the shared pool is free, spilling operators spill. */
    private static final double POOL_PRESSURE = 0.2;

    private final long spillThreshold;
    private final long hardLimit;
    private final MemoryPool pool;
    private long reserved;
    private long peak;
    private boolean closed;

    public MemoryBudget(long spillThreshold, long hardLimit, MemoryPool pool) {
        if (spillThreshold < 0 || hardLimit <= 0) {
            throw new IllegalArgumentException("memory limits must be positive, got " + spillThreshold + " and " + hardLimit);
        }
        this.spillThreshold = Math.min(spillThreshold, hardLimit);
        this.hardLimit = hardLimit;
        this.pool = pool;
    }

    /** No limit of its own, but still bounded by the shared pool; for operators built outside a query. */
    public static MemoryBudget poolOnly() {
        return new MemoryBudget(Long.MAX_VALUE, Long.MAX_VALUE, MemoryPool.shared());
    }

    /** A new, empty account for one operator; {@code holder} names it in error messages. */
    public MemoryReservation reservation(String holder) {
        return new MemoryReservation(this, holder);
    }

    public long reserved() {
        return reserved;
    }

    /** The most this query has held at once. */
    public long peak() {
        return peak;
    }

    public long spillThreshold() {
        return spillThreshold;
    }

    public long hardLimit() {
        return hardLimit;
    }

    /** Whether spilling operators should move what they hold to disk. */
    public boolean shouldSpill() {
        return reserved > spillThreshold || pool.isUnderPressure(POOL_PRESSURE);
    }

    /** Whether holding {@code more} bytes on top of what is reserved would cross the spill threshold. */
    public boolean shouldSpillWith(long more) {
        return reserved + more > spillThreshold || pool.isUnderPressure(POOL_PRESSURE);
    }

    synchronized void take(long bytes, String holder, boolean enforceLimits) {
        if (closed) {
            return;
        }
        if (enforceLimits && reserved + bytes > hardLimit) {
            throw new JunctionException(ErrorCode.OUT_OF_MEMORY, "query needs more than " + size(hardLimit) + " in "
                    + holder + "; raise the memory limit (EngineSettings.hardMemoryLimitBytes) or add filters");
        }
        if (!pool.tryReserve(bytes)) {
            if (enforceLimits) {
                throw new JunctionException(ErrorCode.OUT_OF_MEMORY, "the queries running together need more than "
                        + size(pool.capacity()) + " (" + Math.round(MemoryPool.HEAP_SHARE * 100) + "% of the heap); this one failed in "
                        + holder + "; run fewer queries at once, give the JVM more heap (-Xmx) or add filters");
            }
            pool.forceReserve(bytes);
        }
        reserved += bytes;
        peak = Math.max(peak, reserved);
    }

    synchronized void give(long bytes) {
        if (closed) {
            return;
        }
        reserved -= bytes;
        pool.release(bytes);
    }

    /** Returns everything still reserved to the pool; later reservations and releases are ignored. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            pool.release(reserved);
            reserved = 0;
        }
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : Math.max(1, bytes >> 10) + " KB";
    }
}
