package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.exec.memory.MemoryReservation;
import io.junction.exec.memory.SizeEstimates;
import io.junction.exec.vector.BatchBuilder;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.util.List;
import java.util.stream.Collectors;

/**
 * ORDER BY: materializes the whole input into one columnar batch, sorts an array of row indices with a
 * stable merge sort whose comparator reads the key columns' primitive arrays, then emits the rows in that
 * order in batches of at most {@link Batch#DEFAULT_SIZE}.
 *
 * <p>The buffer is reserved against the query's memory budget batch by batch. Over the spill threshold it
 * is sorted and written out as a run ({@link SortedRuns}); the output is then the merge of all runs.
 */
public final class SortOperator implements Operator {
    private final Operator input;
    private final List<SortKey> keys;
    private final ExecutionContext context;
    private MemoryReservation memory;
    private SortedRuns runs;
    private BatchStream merged;
    private Batch sorted;
    private int[] order;
    private int emitted;
    private boolean closed;

    public SortOperator(Operator input, List<SortKey> keys) {
        this(input, keys, ExecutionContext.standalone());
    }

    /** As above, with the query's memory budget, spill space and cancellation. */
    public SortOperator(Operator input, List<SortKey> keys, ExecutionContext context) {
        this.context = context;
        this.input = input;
        this.keys = List.copyOf(keys);
    }

    @Override
    public Batch next() {
        if (closed) {
            return null;
        }
        if (merged != null) {
            return merged.next();
        }
        if (sorted == null) {
            memory = context.memory().reservation("Sort");
            BatchBuilder all = new BatchBuilder(input.outputTypes(), Batch.DEFAULT_SIZE);
            Batch batch;
            while ((batch = input.next()) != null) {
                context.checkCancelled();
                // the rows, plus the order and merge-buffer arrays of the in-memory sort
                long bytes = SizeEstimates.batchBytes(batch) + 8L * batch.rowCount();
                if (context.canSpill() && !all.isEmpty() && (memory.shouldSpillWith(bytes) || context.forceSpill())) {
                    if (runs == null) {
                        runs = new SortedRuns(input.outputTypes(), keys, context);
                    }
                    runs.add(all.build());
                    memory.release();
                }
                memory.grow(bytes);
                all.appendRows(batch);
            }
            input.close();
            if (runs != null) {
                runs.add(all.build());
                memory.release();
                merged = runs.merged();
                return merged.next();
            }
            sorted = all.build();
            order = new int[sorted.rowCount()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            if (!LongKeyRadixSort.trySort(order, order.length, sorted, keys)) {
                RowComparator.sort(order, order.length, RowComparator.of(sorted, keys));
            }
        }
        return emitInOrder();
    }

    private Batch emitInOrder() {
        if (emitted >= order.length) {
            memory.release();
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
        try {
            if (runs != null) {
                runs.close();
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
