package io.junction.exec.operator;

import io.junction.exec.vector.BatchBuilder;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;
import java.util.stream.Collectors;

/**
 * ORDER BY: materializes the whole input into one columnar batch, sorts an array of row indices with a
 * stable merge sort whose comparator reads the key columns' primitive arrays, then emits the rows in that
 * order in batches of at most {@link Batch#DEFAULT_SIZE}.
 */
public final class SortOperator implements Operator {
    private final Operator input;
    private final List<SortKey> keys;
    private Batch sorted;
    private int[] order;
    private int emitted;
    private boolean closed;

    public SortOperator(Operator input, List<SortKey> keys) {
        this.input = input;
        this.keys = List.copyOf(keys);
    }

    @Override
    public Batch next() {
        if (closed) {
            return null;
        }
        if (sorted == null) {
            BatchBuilder all = new BatchBuilder(input.outputTypes(), Batch.DEFAULT_SIZE);
            Batch batch;
            while ((batch = input.next()) != null) {
                all.appendRows(batch);
            }
            input.close();
            sorted = all.build();
            order = new int[sorted.rowCount()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            RowComparator.sort(order, order.length, RowComparator.of(sorted, keys));
        }
        return emitInOrder();
    }

    private Batch emitInOrder() {
        if (emitted >= order.length) {
            return null;
        }
        int n = Math.min(Batch.DEFAULT_SIZE, order.length - emitted);
        int[] positions = new int[n];
        System.arraycopy(order, emitted, positions, 0, n);
        emitted += n;
        return sorted.gather(positions, n);
    }

    @Override
    public void close() {
        closed = true;
        sorted = null;
        order = null;
        input.close();
    }

    @Override
    public List<JunctionType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public String describe() {
        return "Sort[" + describeKeys(keys) + "]";
    }

    static String describeKeys(List<SortKey> keys) {
        return keys.stream()
                .map(k -> "$" + k.column() + (k.ascending() ? " ASC" : " DESC") + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                .collect(Collectors.joining(", "));
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }
}
