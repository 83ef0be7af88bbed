package io.junction.exec.memory;

/**
 * One operator's share of its query's {@link MemoryBudget}. The operator reserves an estimate of what
 * it holds before (or as) it holds it, and releases it when it lets go; {@link #release} at close is
 * mandatory and idempotent.
 */
public final class MemoryReservation implements AutoCloseable {
    private final MemoryBudget budget;
    private final String holder;
    private long bytes;

    MemoryReservation(MemoryBudget budget, String holder) {
        this.budget = budget;
        this.holder = holder;
    }

    /** Reserves {@code more} bytes; throws OUT_OF_MEMORY (reserving nothing) over the hard limit. */
    public void grow(long more) {
        if (more > 0) {
            budget.take(more, holder, true);
            bytes += more;
        }
    }

    /**
     * Reserves {@code more} bytes past the limits. Only for an operator that has just started spilling and
     * already holds the rows of the batch that crossed the threshold; the overshoot is one batch's worth.
     */
    public void growPastLimit(long more) {
        if (more > 0) {
            budget.take(more, holder, false);
            bytes += more;
        }
    }

    /** Whether reserving {@code more} bytes would take the query over its spill threshold. */
    public boolean shouldSpillWith(long more) {
        return budget.shouldSpillWith(more);
    }

    /** Sets the reservation to {@code total} bytes, growing or shrinking it. */
    public void resize(long total) {
        if (total > bytes) {
            grow(total - bytes);
        } else if (total < bytes) {
            budget.give(bytes - total);
            bytes = total;
        }
    }

    public long bytes() {
        return bytes;
    }

    /** Whether the query as a whole is over its spill threshold (or the shared pool is low). */
    public boolean shouldSpill() {
        return budget.shouldSpill();
    }

    public void release() {
        resize(0);
    }

    @Override
    public void close() {
        release();
    }
}
