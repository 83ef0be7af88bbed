package io.junction.exec.operator;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * INTERSECT [ALL] and EXCEPT [ALL] over two or more inputs with the same column types.
 *
 * <p>Algorithm: every input row is hashed on all its columns into one {@link GroupKeyTable} (where NULL
 * equals NULL, as set operations require) and counted per input. Each distinct row is then emitted
 * {@code min(counts)} times for INTERSECT ALL, {@code max(first - sum(others), 0)} times for EXCEPT ALL, and
 * at most once without ALL (present in every input, respectively in the first input only).
 */
public final class SetOperationOperator implements Operator {
    public enum Kind { INTERSECT, EXCEPT }

    private final Kind kind;
    private final boolean all;
    private final List<Operator> inputs;
    private BatchSlices result;
    private boolean closed;

    public SetOperationOperator(Kind kind, boolean all, List<Operator> inputs) {
        if (inputs.size() < 2) {
            throw new IllegalArgumentException(kind + " needs at least two inputs");
        }
        this.kind = kind;
        this.all = all;
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public Batch next() {
        if (closed) {
            return null;
        }
        if (result == null) {
            result = new BatchSlices(compute());
        }
        return result.next();
    }

    private Batch compute() {
        GroupKeyTable table = new GroupKeyTable(outputTypes());
        long[][] counts = new long[inputs.size()][16];
        for (int in = 0; in < inputs.size(); in++) {
            Operator input = inputs.get(in);
            Batch batch;
            while ((batch = input.next()) != null) {
                int[] ids = table.groupIds(batch.columns(), batch.rowCount());
                int groups = table.groupCount();
                for (int c = 0; c < counts.length; c++) {
                    if (counts[c].length < groups) {
                        counts[c] = Arrays.copyOf(counts[c], Math.max(groups, counts[c].length * 2));
                    }
                }
                long[] mine = counts[in];
                for (int i = 0; i < batch.rowCount(); i++) {
                    mine[ids[i]]++;
                }
            }
            input.close();
        }
        int groups = table.groupCount();
        Batch keys = table.keys();
        int[] positions = new int[16];
        int count = 0;
        for (int g = 0; g < groups; g++) {
            long copies = copies(counts, g);
            for (long k = 0; k < copies; k++) {
                if (count == positions.length) {
                    positions = Arrays.copyOf(positions, positions.length * 2);
                }
                positions[count++] = g;
            }
        }
        if (count == groups && groups == keys.rowCount()) {
            return keys;
        }
        return keys.gather(positions, count);
    }

    private long copies(long[][] counts, int g) {
        long first = g < counts[0].length ? counts[0][g] : 0;
        if (kind == Kind.INTERSECT) {
            long min = first;
            for (int in = 1; in < counts.length; in++) {
                min = Math.min(min, g < counts[in].length ? counts[in][g] : 0);
            }
            return all ? min : Math.min(min, 1);
        }
        long others = 0;
        for (int in = 1; in < counts.length; in++) {
            others += g < counts[in].length ? counts[in][g] : 0;
        }
        if (all) {
            return Math.max(first - others, 0);
        }
        return first > 0 && others == 0 ? 1 : 0;
    }

    @Override
    public void close() {
        closed = true;
        result = null;
        for (Operator input : inputs) {
            input.close();
        }
    }

    @Override
    public List<JunctionType> outputTypes() {
        return inputs.getFirst().outputTypes();
    }

    @Override
    public String describe() {
        return kind + (all ? " ALL" : "");
    }

    @Override
    public List<Operator> inputs() {
        return inputs;
    }
}
