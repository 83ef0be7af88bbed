package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.exec.memory.MemoryReservation;
import io.junction.exec.memory.SizeEstimates;
import io.junction.exec.spill.SpillPartitioning;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * GROUP BY (and DISTINCT, as a group by with no calls). For each input batch the key columns are hashed,
 * each row is mapped to a dense group id through {@link GroupKeyTable}, and every accumulator folds the
 * batch into its per-group arrays. At the end the stored keys and the accumulator results form the output,
 * emitted in batches. Without group columns there is exactly one group, so empty input still yields one row.
 *
 * <p>The table and the accumulators' state are reserved against the query's memory budget after each batch.
 * Over the spill threshold, an {@link AggregateSpill} diverts the rows of new keys to disk and aggregates
 * them after the in-memory groups have been emitted.
 */
public final class HashAggregateOperator implements Operator {
    private final Operator input;
    private final int[] groupColumns;
    private final List<AggregateCall> calls;
    private final List<JunctionType> types;
    private final ExecutionContext context;
    private final int spillLevel;
    private MemoryReservation memory;
    private AggregateSpill spill;
    private BatchSlices result;
    private boolean closed;

    public HashAggregateOperator(Operator input, int[] groupColumns, List<AggregateCall> calls) {
        this(input, groupColumns, calls, ExecutionContext.standalone());
    }

    /** As above, with the query's memory budget, spill space and cancellation. */
    public HashAggregateOperator(Operator input, int[] groupColumns, List<AggregateCall> calls, ExecutionContext context) {
        this(input, groupColumns, calls, context, 0);
    }

    /** The aggregation of one spilled partition; {@code spillLevel} says how often its rows were partitioned already. */
    HashAggregateOperator(Operator input, int[] groupColumns, List<AggregateCall> calls, ExecutionContext context, int spillLevel) {
        this.context = context;
        this.spillLevel = spillLevel;
        this.input = input;
        this.groupColumns = groupColumns.clone();
        this.calls = List.copyOf(calls);
        List<JunctionType> out = new ArrayList<>();
        for (int c : groupColumns) {
            out.add(input.outputTypes().get(c));
        }
        for (AggregateCall call : calls) {
            out.add(call.resultType());
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
        Batch out = result.next();
        if (out == null) {
            memory.release();
            return spill == null ? null : spill.next();
        }
        return out;
    }

    private Batch aggregate() {
        List<JunctionType> inputTypes = input.outputTypes();
        Accumulator[] accumulators = new Accumulator[calls.size()];
        for (int a = 0; a < accumulators.length; a++) {
            AggregateCall call = calls.get(a);
            JunctionType argumentType = call.argument() < 0 ? JunctionType.BIGINT : inputTypes.get(call.argument());
            accumulators[a] = Accumulator.create(call, argumentType);
        }
        boolean grouped = groupColumns.length > 0;
        GroupKeyTable table = grouped ? new GroupKeyTable(Arrays.stream(groupColumns).mapToObj(inputTypes::get).toList()) : null;
        int groupCount = grouped ? 0 : 1;
        memory = context.memory().reservation("HashAggregate");
        boolean maySpill = grouped && context.canSpill() && spillLevel < SpillPartitioning.MAX_LEVEL;
        Batch batch;
        while ((batch = input.next()) != null) {
            context.checkCancelled();
            if (spill != null) {
                batch = spill.keepKnownGroups(batch, table);
                if (batch == null) {
                    continue;
                }
            }
            int n = batch.rowCount();
            int[] ids;
            if (grouped) {
                Vector[] keys = new Vector[groupColumns.length];
                for (int k = 0; k < keys.length; k++) {
                    keys[k] = batch.column(groupColumns[k]);
                }
                ids = table.groupIds(keys, n);
                groupCount = table.groupCount();
            } else {
                ids = new int[n];
            }
            for (int a = 0; a < accumulators.length; a++) {
                int argument = calls.get(a).argument();
                accumulators[a].addBatch(ids, groupCount, batch, argument, n);
            }
            long held = grouped ? table.estimatedBytes() : 0;
            for (Accumulator accumulator : accumulators) {
                held += accumulator.estimatedBytes(groupCount);
            }
            boolean startSpilling = maySpill && spill == null
                    && (memory.shouldSpillWith(held - memory.bytes()) || context.forceSpill() && spillLevel == 0);
            if (startSpilling) {
                // the groups this batch added are held already: keep them, and no new ones from now on
                spill = new AggregateSpill(inputTypes, groupColumns, calls, context, spillLevel);
                memory.growPastLimit(held - memory.bytes());
            } else {
                memory.resize(held);
            }
        }
        if (spill != null) {
            spill.finishInput();
        }
        Vector[] columns = new Vector[types.size()];
        if (grouped) {
            Batch keys = table.keys();
            for (int k = 0; k < groupColumns.length; k++) {
                columns[k] = keys.column(k);
            }
        }
        for (int a = 0; a < accumulators.length; a++) {
            long stateBefore = accumulators[a].estimatedBytes(groupCount);
            Vector column = accumulators[a].result(groupCount);
            columns[groupColumns.length + a] = column;
            // built while the table and every accumulator's state are still held; what the result took over from
            // the state (a SUM's running sums) is not held twice
            long takenOver = stateBefore - accumulators[a].estimatedBytes(groupCount);
            memory.grow(SizeEstimates.vectorBytes(column, groupCount) - takenOver);
        }
        Batch out = new Batch(columns, groupCount);
        // the accumulators' state is garbage from here on: what stays held until emitted is the result
        memory.resize(SizeEstimates.batchBytes(out));
        return out;
    }

    @Override
    public void close() {
        closed = true;
        result = null;
        try {
            if (spill != null) {
                spill.close();
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
        return types;
    }

    @Override
    public String describe() {
        String groups = Arrays.stream(groupColumns).mapToObj(c -> "$" + c).collect(Collectors.joining(", "));
        String aggregates = calls.stream()
                .map(c -> c.function() + "(" + (c.distinct() ? "DISTINCT " : "") + (c.argument() < 0 ? "*" : "$" + c.argument()) + ")")
                .collect(Collectors.joining(", "));
        return "HashAggregate[groups=[" + groups + "], aggregates=[" + aggregates + "]]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }
}
