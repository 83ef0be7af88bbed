package io.junction.federation;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * Before a fragment is rendered as SQL, turns each equi semi-join {@code L SEMI JOIN R ON L.a = R.k}
 * into {@code L WHERE (a) IN (SELECT k FROM R)}, the same rows (a NULL key matches nothing either
 * way), and every other semi- or anti-join into a correlated {@code [NOT] EXISTS}. Calcite's unparser writes a semi-join as {@code WHERE EXISTS} but aliases a left input that is
 * itself a subquery twice ({@code (…) AS t AS t1}), which no source parses; an uncorrelated IN needs no
 * alias of the outer query at all, and every source plans it as a semi-join.
 */
final class SemiJoinAsInSubquery extends RelShuttleImpl {
    @Override
    public RelNode visit(LogicalJoin join) {
        LogicalJoin visited = (LogicalJoin) super.visit(join);
        if (visited.getJoinType() != JoinRelType.SEMI && visited.getJoinType() != JoinRelType.ANTI) {
            return visited;
        }
        JoinInfo keys = visited.analyzeCondition();
        // JoinInfo counts IS NOT DISTINCT FROM as an equi key, but under IN a NULL key matches nothing
        boolean plainEqualities = RelOptUtil.conjunctions(visited.getCondition()).stream().allMatch(c -> c.isA(SqlKind.EQUALS));
        if (visited.getJoinType() == JoinRelType.ANTI || !keys.isEqui() || keys.leftKeys.isEmpty() || !plainEqualities) {
            return correlatedExists(visited);
        }
        RexBuilder rex = visited.getCluster().getRexBuilder();
        RelNode right = visited.getRight();
        List<RexNode> rightKeys = new ArrayList<>();
        for (int k : keys.rightKeys) {
            rightKeys.add(rex.makeInputRef(right, k));
        }
        RelNode keyQuery = LogicalProject.create(right, List.of(), rightKeys, (List<String>) null, java.util.Set.of());
        ImmutableList.Builder<RexNode> leftKeys = ImmutableList.builder();
        for (int k : keys.leftKeys) {
            leftKeys.add(rex.makeInputRef(visited.getLeft(), k));
        }
        return LogicalFilter.create(visited.getLeft(), RexSubQuery.in(keyQuery, leftKeys.build()));
    }

    /**
     * {@code L WHERE [NOT] EXISTS (SELECT * FROM R WHERE cond)}, the condition's references to L's
     * columns becoming fields of a correlation variable that the unparser qualifies with L's alias. An
     * anti-join cannot be NOT IN, which is never true when R's key has a NULL.
     */
    private static RelNode correlatedExists(LogicalJoin join) {
        RexBuilder rex = join.getCluster().getRexBuilder();
        RelNode left = join.getLeft();
        int leftWidth = left.getRowType().getFieldCount();
        CorrelationId correlation = join.getCluster().createCorrel();
        RexNode outerRow = rex.makeCorrel(left.getRowType(), correlation);
        RexNode condition = join.getCondition().accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return ref.getIndex() < leftWidth ? rex.makeFieldAccess(outerRow, ref.getIndex())
                        : new RexInputRef(ref.getIndex() - leftWidth, ref.getType());
            }
        });
        RelNode matches = LogicalFilter.create(join.getRight(), condition);
        RexNode exists = RexSubQuery.exists(matches);
        return LogicalFilter.create(left, join.getJoinType() == JoinRelType.ANTI ? rex.makeCall(SqlStdOperatorTable.NOT, exists) : exists,
                ImmutableSet.of(correlation));
    }

    /** {@code fragment} with its equi semi-joins as IN subqueries; other nodes unchanged. */
    static RelNode rewrite(RelNode fragment) {
        return RelOptUtil.countJoins(fragment) == 0 ? fragment : fragment.accept(new SemiJoinAsInSubquery());
    }
}
