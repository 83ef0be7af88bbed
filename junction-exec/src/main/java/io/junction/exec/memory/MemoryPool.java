package io.junction.exec.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory shared by all queries running in one JVM. Every query's {@link MemoryBudget} draws from it, so
 * several queries that each stay under their own limit still cannot together exhaust the heap: when the
 * pool is empty, spilling operators spill and the others fail with OUT_OF_MEMORY.
 *
 * <p>Thread-safe: queries on different threads reserve and release concurrently.
 */
public final class MemoryPool {
    /** Share of the maximum heap that query operators may hold together; the rest is for everything else. */
    public static final double HEAP_SHARE = 0.6;

    private static final MemoryPool SHARED = new MemoryPool((long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE));

    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();

    public MemoryPool(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("pool capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The JVM-wide pool: {@link #HEAP_SHARE} of {@code Runtime.maxMemory()}. */
    public static MemoryPool shared() {
        return SHARED;
    }

    public long capacity() {
        return capacity;
    }

    public long reserved() {
        return reserved.get();
    }

    /** Takes {@code bytes} if they fit; false (taking nothing) if they do not. */
    boolean tryReserve(long bytes) {
        while (true) {
            long current = reserved.get();
            if (current + bytes > capacity) {
                return false;
            }
            if (reserved.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    /** Takes {@code bytes} even beyond the capacity: for memory already allocated that cannot be given back yet. */
    void forceReserve(long bytes) {
        reserved.addAndGet(bytes);
    }

    /** True when less than {@code share} of the pool is left: spilling operators should spill now. */
    boolean isUnderPressure(double share) {
        return capacity - reserved.get() < capacity * share;
    }

    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }
}
