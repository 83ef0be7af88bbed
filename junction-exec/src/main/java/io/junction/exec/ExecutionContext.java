package io.junction.exec;

import io.junction.exec.memory.MemoryBudget;
import io.junction.exec.spill.SpillSpace;

/**
 * What the operators of one query share: its memory budget, where it may spill, and how to find out that
 * it was cancelled. Operators that hold rows reserve memory from {@link #memory()}, spill to
 * {@link #spillSpace()} when {@link #canSpill()} and the budget says so, and call
 * {@link #checkCancelled()} in every loop that can run long without returning a batch (materializing an
 * input, writing or merging spill files), so a cancelled query stops promptly and its files are removed.
 *
 * <p>{@link #close} ends the query's use of memory and disk: it returns any memory still reserved and
 * deletes every spill file left.
 */
public final class ExecutionContext implements AutoCloseable {
    private final MemoryBudget memory;
    private final SpillSpace spillSpace;
    private final Runnable cancellationCheck;
    private final boolean forceSpill;

    /**
     * @param spillSpace        null to never spill (operators then hold everything, up to the hard limit)
     * @param cancellationCheck throws (a JunctionException) when the query was cancelled or timed out
     * @param forceSpill        spill at the first opportunity even under the limit (to test the spill paths)
     */
    public ExecutionContext(MemoryBudget memory, SpillSpace spillSpace, Runnable cancellationCheck, boolean forceSpill) {
        this.memory = memory;
        this.spillSpace = spillSpace;
        this.cancellationCheck = cancellationCheck;
        this.forceSpill = forceSpill && spillSpace != null;
    }

    /** For operators built outside a query (tests, benchmarks): no limit but the shared pool, no spilling, no cancellation. */
    public static ExecutionContext standalone() {
        return new ExecutionContext(MemoryBudget.poolOnly(), null, () -> { }, false);
    }

    public MemoryBudget memory() {
        return memory;
    }

    public boolean canSpill() {
        return spillSpace != null;
    }

    public SpillSpace spillSpace() {
        if (spillSpace == null) {
            throw new IllegalStateException("this query may not spill");
        }
        return spillSpace;
    }

    public boolean forceSpill() {
        return forceSpill;
    }

    public void checkCancelled() {
        cancellationCheck.run();
    }

    @Override
    public void close() {
        try {
            if (spillSpace != null) {
                spillSpace.close();
            }
        } finally {
            memory.close();
        }
    }
}
