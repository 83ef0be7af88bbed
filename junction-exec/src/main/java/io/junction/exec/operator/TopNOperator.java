package io.junction.exec.operator;

import io.junction.exec.vector.BatchBuilder;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;

/**
 * ORDER BY ... LIMIT n without sorting everything: input rows are appended to a buffer, and whenever the
 * buffer holds about twice the limit it is sorted and cut back to the best {@code limit} rows. Memory stays
 * bounded by roughly 2·limit rows (plus one batch) and the work is O(input · log limit); at the end the
 * survivors are sorted once more and emitted in batches. A limit of 0 reads nothing.
 */
public final class TopNOperator implements Operator {
    private final Operator input;
    private final List<SortKey> keys;
    private final long limit;
    private Batch result;
    private int emitted;
    private boolean closed;

    public TopNOperator(Operator input, List<SortKey> keys, long limit) {
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
            result = limit == 0 ? null : best();
            input.close();
            if (result == null) {
                closed = true;
                return null;
            }
        }
        if (emitted >= result.rowCount()) {
            return null;
        }
        int n = Math.min(Batch.DEFAULT_SIZE, result.rowCount() - emitted);
        Batch out = LimitOperator.slice(result, emitted, emitted + n);
        emitted += n;
        return out;
    }

    /** The best rows in order. */
    private Batch best() {
        int keep = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        long compactAt = Math.max((long) keep * 2, (long) keep + Batch.DEFAULT_SIZE);
        BatchBuilder buffer = new BatchBuilder(input.outputTypes(), (int) Math.min(compactAt, 4 * Batch.DEFAULT_SIZE));
        Batch batch;
        while ((batch = input.next()) != null) {
            buffer.appendRows(batch);
            if (buffer.rowCount() >= compactAt) {
                buffer = compact(buffer.build(), keep);
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
