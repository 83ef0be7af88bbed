package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.exec.expr.Expression;
import io.junction.vector.Batch;

/**
 * Join on an arbitrary condition (or none: a cross join). The right input is materialized; every left row
 * is paired with every right row, one output batch's worth of pairs at a time, and the condition filters
 * the pairs. Outer and semi/anti rows come from {@link PairJoinOperator}.
 */
public final class NestedLoopJoinOperator extends PairJoinOperator {
    private int probeRowCount;
    private int probeRow;
    private int buildRow;

    public NestedLoopJoinOperator(Operator left, Operator right, JoinType type, Expression condition) {
        this(left, right, type, condition, ExecutionContext.standalone());
    }

    /** As above, with the query's memory budget (the materialized right side is reserved) and cancellation. */
    public NestedLoopJoinOperator(Operator left, Operator right, JoinType type, Expression condition, ExecutionContext context) {
        super(left, right, type, condition, context, 0);
    }

    @Override
    void prepareBuild() {
    }

    @Override
    void startProbe(Batch probeBatch) {
        probeRowCount = probeBatch.rowCount();
        probeRow = 0;
        buildRow = 0;
    }

    @Override
    int nextCandidates(int[] probeRows, int[] buildRows, int max) {
        int buildCount = build.rowCount();
        if (buildCount == 0) {
            return 0;
        }
        boolean firstMatchDecides = firstMatchDecides();
        int count = 0;
        while (probeRow < probeRowCount && count < max) {
            if (firstMatchDecides) {
                probeRows[count] = probeRow;
                buildRows[count] = 0;
                count++;
                probeRow++;
                continue;
            }
            probeRows[count] = probeRow;
            buildRows[count] = buildRow;
            count++;
            if (++buildRow == buildCount) {
                buildRow = 0;
                probeRow++;
            }
        }
        return count;
    }

    @Override
    public String describe() {
        return "NestedLoopJoin[" + type + describeCondition() + "]";
    }
}
