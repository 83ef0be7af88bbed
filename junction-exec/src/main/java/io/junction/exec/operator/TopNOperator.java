package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.exec.memory.MemoryReservation;
import io.junction.exec.memory.SizeEstimates;
import io.junction.exec.vector.BatchBuilder;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;

/**
 * ORDER BY ... LIMIT n without sorting everything: input rows are appended to a buffer, and whenever the
 * buffer holds about twice the limit it is sorted and cut back to the best {@code limit} rows. Memory stays
 * bounded by roughly 2·limit rows (plus one batch) and the work is O(input · log limit); at the end the
 * survivors are sorted once more and emitted in batches. A limit of 0 reads nothing.
 *
 * <p>The buffer, and the sorted copy a compaction makes next to it, are reserved against the query's memory
 * budget. A limit so large that the buffer would cross the spill threshold hands the rows held so far and
 * the rest of the input to a spilling {@link SortOperator} and passes on its first {@code limit} rows; a
 * query that may not spill fails at the hard limit with OUT_OF_MEMORY.
 */
public final class TopNOperator implements Operator {
    private final Operator input;
    private final List<SortKey> keys;
    private final long limit;
    private final ExecutionContext context;
    private MemoryReservation memory;
    private BatchSlices result;
    /** The sort-then-limit taking over when the buffer grew too large, or null. */
    private Operator spilled;
    private boolean closed;

    public TopNOperator(Operator input, List<SortKey> keys, long limit) {
        this(input, keys, limit, ExecutionContext.standalone());
    }

    /** As above, with the query's memory budget and cancellation. */
    public TopNOperator(Operator input, List<SortKey> keys, long limit, ExecutionContext context) {
        this.context = context;
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit);
        }
        this.input = input;
        this.keys = List.copyOf(keys);
        this.limit = limit;
    }

    @Override
    public Batch next() {
        if (closed) {
            return null;
        }
        if (spilled != null) {
            return spilled.next();
        }
        if (result == null) {
            Batch best = limit == 0 ? null : best();
            if (spilled != null) {
                return spilled.next();
            }
            input.close();
            if (best == null) {
                closed = true;
                return null;
            }
            result = new BatchSlices(best);
        }
        Batch out = result.next();
        if (out == null) {
            memory.release();
        }
        return out;
    }

    /** The best rows in order; null when there are none or when {@link #spilled} took over. */
    private Batch best() {
        int keep = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        long compactAt = Math.max((long) keep * 2, (long) keep + Batch.DEFAULT_SIZE);
        BatchBuilder buffer = new BatchBuilder(input.outputTypes(), (int) Math.min(compactAt, 4 * Batch.DEFAULT_SIZE));
        memory = context.memory().reservation("TopN");
        long held = 0;
        Batch batch;
        while ((batch = input.next()) != null) {
            context.checkCancelled();
            long bytes = SizeEstimates.batchBytes(batch) + 8L * batch.rowCount();
            if (context.canSpill() && memory.shouldSpillWith(bytes + held / 2)) {
                spillToSort(buffer.build(), batch);
                return null;
            }
            memory.grow(bytes);
            held += bytes;
            buffer.appendRows(batch);
            if (buffer.rowCount() >= compactAt) {
                // the survivors are about half the rows held, and are copied before the buffer is let go
                long survivors = held * keep / buffer.rowCount();
                memory.grow(survivors);
                buffer = compact(buffer.build(), keep);
                held = survivors;
                memory.resize(held);
            }
        }
        Batch sorted = sortedPrefix(buffer.build(), keep);
        return sorted.rowCount() == 0 ? null : sorted;
    }

    private BatchBuilder compact(Batch rows, int keep) {
        return new BatchBuilder(input.outputTypes(), sortedPrefix(rows, keep));
    }

    /** Sorts the rows held, {@code current} and the rest of the input with spilling, keeping the first {@code limit}. */
    private void spillToSort(Batch held, Batch current) {
        memory.release();
        Operator rows = new UnionAllOperator(List.of(
                new HeldBatchesOperator(input.outputTypes(), List.of(held, current)), input));
        spilled = new LimitOperator(new SortOperator(rows, keys, context), 0, limit);
    }

    private Batch sortedPrefix(Batch rows, int keep) {
        int n = rows.rowCount();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        RowComparator.sort(order, n, RowComparator.of(rows, keys));
        return rows.gather(order, Math.min(keep, n));
    }

    @Override
    public void close() {
        closed = true;
        result = null;
        try {
            if (spilled != null) {
                spilled.close();
            }
        } finally {
            if (memory != null) {
                memory.release();
            }
            input.close();
        }
    }

    @Override
    public List<JunctionType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public String describe() {
        return "TopN[" + limit + ", " + SortOperator.describeKeys(keys) + "]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }
}
