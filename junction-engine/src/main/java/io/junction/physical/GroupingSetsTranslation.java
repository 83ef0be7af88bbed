package io.junction.physical;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.expr.Expression;
import io.junction.exec.expr.Expressions;
import io.junction.exec.expr.ScalarFunction;
import io.junction.exec.operator.GroupingSetsAggregateOperator;
import io.junction.exec.operator.Operator;
import io.junction.exec.operator.ProjectOperator;
import io.junction.federation.FederationPlanner;
import io.junction.types.JunctionType;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps an Aggregate with several grouping sets (GROUPING SETS, ROLLUP, CUBE) onto a
 * {@link GroupingSetsAggregateOperator}, which puts the GROUPING(...) values after the aggregates; a
 * projection restores Calcite's order of calls.
 */
final class GroupingSetsTranslation {
    private GroupingSetsTranslation() {
    }

    static Operator plan(Aggregate aggregate, Operator input) {
        int[] groupColumns = aggregate.getGroupSet().toArray();
        List<int[]> sets = new ArrayList<>();
        for (ImmutableBitSet set : aggregate.getGroupSets()) {
            sets.add(set.toArray());
        }
        List<io.junction.exec.operator.AggregateCall> calls = new ArrayList<>();
        List<int[]> groupingCalls = new ArrayList<>();
        // where each Calcite call lands in the operator's output: aggregates first, GROUPING values after them
        List<Integer> groupingPositions = new ArrayList<>();
        List<Integer> aggregatePositions = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            SqlKind kind = call.getAggregation().getKind();
            if (kind == SqlKind.GROUPING || kind == SqlKind.GROUPING_ID) {
                groupingCalls.add(call.getArgList().stream().mapToInt(Integer::intValue).toArray());
                groupingPositions.add(groupingCalls.size() - 1);
                aggregatePositions.add(-1);
            } else if (kind == SqlKind.GROUP_ID || kind == SqlKind.LITERAL_AGG) {
                throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, call.getAggregation().getName()
                        + " with GROUPING SETS is not supported by Junction's engine yet");
            } else {
                calls.add(ExecutionPlanner.toExecCall(call));
                aggregatePositions.add(calls.size() - 1);
                groupingPositions.add(-1);
            }
        }
        Operator grouped = new GroupingSetsAggregateOperator(input, groupColumns, sets, calls, groupingCalls);
        List<JunctionType> produced = grouped.outputTypes();
        List<JunctionType> wanted = FederationPlanner.outputTypes(aggregate);
        List<Expression> output = new ArrayList<>();
        for (int g = 0; g < groupColumns.length; g++) {
            output.add(Expressions.column(g, produced.get(g)));
        }
        for (int c = 0; c < aggregatePositions.size(); c++) {
            int column = aggregatePositions.get(c) >= 0 ? groupColumns.length + aggregatePositions.get(c)
                    : groupColumns.length + calls.size() + groupingPositions.get(c);
            Expression e = Expressions.column(column, produced.get(column));
            JunctionType type = wanted.get(groupColumns.length + c);
            output.add(type.equals(produced.get(column)) ? e : Expressions.call(ScalarFunction.CAST, type, List.of(e)));
        }
        return new ProjectOperator(grouped, output);
    }
}
