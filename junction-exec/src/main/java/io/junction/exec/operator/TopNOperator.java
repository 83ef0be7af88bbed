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
 * survivors are sorted once more and emitted in batches. A limit of 0 reads nothing. The buffer is reserved
 * against the query's memory budget; it does not spill, so a huge limit can hit the hard limit.
 */
public final class TopNOperator implements Operator {
    private final Operator input;
    private final List<SortKey> keys;
    private final long limit;
    private final ExecutionContext context;
    private MemoryReservation memory;
    private BatchSlices result;
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
        if (result == null) {
            Batch best = limit == 0 ? null : best();
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

    /** The best rows in order. */
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
            memory.grow(bytes);
            held += bytes;
            buffer.appendRows(batch);
            if (buffer.rowCount() >= compactAt) {
                buffer = compact(buffer.build(), keep);
                // the survivors are about half the rows held
                held = held * buffer.rowCount() / Math.max(1, compactAt);
                memory.resize(held);
            }
        }
        Batch sorted = sortedPrefix(buffer.build(), keep);
        return sorted.rowCount() == 0 ? null : sorted;
    }

    private BatchBuilder compact(Batch rows, int keep) {
        BatchBuilder survivors = new BatchBuilder(input.outputTypes(), Math.min(keep, 1 << 16));
        survivors.appendRows(sortedPrefix(rows, keep));
        return survivors;
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
        if (memory != null) {
            memory.release();
        }
        input.close();
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
