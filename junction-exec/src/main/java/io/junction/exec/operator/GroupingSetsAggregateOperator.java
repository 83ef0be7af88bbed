package io.junction.exec.operator;

import io.junction.exec.vector.BatchBuilder;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * GROUP BY GROUPING SETS (and ROLLUP and CUBE, which the validator expands into grouping sets) in one pass.
 *
 * <p>Algorithm: each grouping set has its own {@link GroupKeyTable} and accumulators; every input batch is
 * folded into all sets. At the end each set's groups become rows of the common layout: the union of the
 * group columns (NULL where the set does not group by the column), the aggregates, then one value per
 * GROUPING(...) call: a bit per argument, most significant first, set when the set does not group by that
 * column. The empty grouping set always yields one row, even for empty input, as in PostgreSQL.
 */
public final class GroupingSetsAggregateOperator implements Operator {
    private final Operator input;
    private final int[] groupColumns;
    private final List<int[]> groupingSets;
    private final List<AggregateCall> calls;
    private final List<int[]> groupingCalls;
    private final List<JunctionType> types;
    private BatchSlices result;
    private boolean closed;

    /**
     * @param groupColumns   all columns any set groups by, in output order
     * @param groupingSets   each set's columns (a subset of {@code groupColumns})
     * @param groupingCalls  the argument columns of each GROUPING(...) call
     */
    public GroupingSetsAggregateOperator(Operator input, int[] groupColumns, List<int[]> groupingSets, List<AggregateCall> calls,
                                         List<int[]> groupingCalls) {
        this.input = input;
        this.groupColumns = groupColumns.clone();
        this.groupingSets = groupingSets.stream().map(int[]::clone).toList();
        this.calls = List.copyOf(calls);
        this.groupingCalls = groupingCalls.stream().map(int[]::clone).toList();
        List<JunctionType> out = new ArrayList<>();
        for (int c : groupColumns) {
            out.add(input.outputTypes().get(c));
        }
        for (AggregateCall call : calls) {
            out.add(call.resultType());
        }
        for (int i = 0; i < groupingCalls.size(); i++) {
            out.add(JunctionType.BIGINT);
        }
        this.types = List.copyOf(out);
    }

    @Override
    public Batch next() {
        if (closed) {
            return null;
        }
        if (result == null) {
            result = new BatchSlices(aggregate());
            input.close();
        }
        return result.next();
    }

    private final class SetState {
        final int[] columns;
        final GroupKeyTable table;
        final Accumulator[] accumulators;
        int groupCount;

        SetState(int[] columns) {
            this.columns = columns;
            List<JunctionType> inputTypes = input.outputTypes();
            this.table = columns.length == 0 ? null : new GroupKeyTable(Arrays.stream(columns).mapToObj(inputTypes::get).toList());
            this.groupCount = columns.length == 0 ? 1 : 0;
            this.accumulators = new Accumulator[calls.size()];
            for (int a = 0; a < accumulators.length; a++) {
                AggregateCall call = calls.get(a);
                accumulators[a] = Accumulator.create(call, call.argument() < 0 ? JunctionType.BIGINT : inputTypes.get(call.argument()));
            }
        }

        void add(Batch batch) {
            int n = batch.rowCount();
            int[] ids;
            if (table == null) {
                ids = new int[n];
            } else {
                Vector[] keys = new Vector[columns.length];
                for (int k = 0; k < keys.length; k++) {
                    keys[k] = batch.column(columns[k]);
                }
                ids = table.groupIds(keys, n);
                groupCount = table.groupCount();
            }
            for (int a = 0; a < accumulators.length; a++) {
                accumulators[a].addBatch(ids, groupCount, batch, calls.get(a).argument(), n);
            }
        }

        Batch rows() {
            Vector[] out = new Vector[types.size()];
            Batch keys = table == null ? null : table.keys();
            for (int g = 0; g < groupColumns.length; g++) {
                int position = indexOf(columns, groupColumns[g]);
                if (position >= 0) {
                    out[g] = keys.column(position);
                } else {
                    out[g] = Vector.create(types.get(g), groupCount);
                    for (int r = 0; r < groupCount; r++) {
                        out[g].setNull(r);
                    }
                }
            }
            for (int a = 0; a < accumulators.length; a++) {
                out[groupColumns.length + a] = accumulators[a].result(groupCount);
            }
            for (int f = 0; f < groupingCalls.size(); f++) {
                long value = 0;
                for (int argument : groupingCalls.get(f)) {
                    value = value << 1 | (indexOf(columns, argument) < 0 ? 1 : 0);
                }
                LongVector v = (LongVector) Vector.create(JunctionType.BIGINT, groupCount);
                Arrays.fill(v.values(), 0, groupCount, value);
                out[groupColumns.length + calls.size() + f] = v;
            }
            return new Batch(out, groupCount);
        }
    }

    private static int indexOf(int[] columns, int column) {
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == column) {
                return i;
            }
        }
        return -1;
    }

    private Batch aggregate() {
        List<SetState> sets = new ArrayList<>();
        for (int[] set : groupingSets) {
            sets.add(new SetState(set));
        }
        Batch batch;
        while ((batch = input.next()) != null) {
            for (SetState set : sets) {
                set.add(batch);
            }
        }
        BatchBuilder all = new BatchBuilder(types, Batch.DEFAULT_SIZE);
        for (SetState set : sets) {
            all.appendRows(set.rows());
        }
        return all.build();
    }

    @Override
    public void close() {
        closed = true;
        result = null;
        input.close();
    }

    @Override
    public List<JunctionType> outputTypes() {
        return types;
    }

    @Override
    public String describe() {
        String sets = groupingSets.stream()
                .map(s -> Arrays.stream(s).mapToObj(c -> "$" + c).collect(Collectors.joining(", ", "(", ")")))
                .collect(Collectors.joining(", "));
        String aggregates = calls.stream()
                .map(c -> c.function() + "(" + (c.distinct() ? "DISTINCT " : "") + (c.argument() < 0 ? "*" : "$" + c.argument()) + ")")
                .collect(Collectors.joining(", "));
        return "GroupingSetsAggregate[sets=[" + sets + "], aggregates=[" + aggregates + "], grouping=" + groupingCalls.size() + "]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }
}
