package io.junction.federation;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * Before a fragment is rendered as SQL, turns each equi semi-join {@code L SEMI JOIN R ON L.a = R.k}
 * into {@code L WHERE (a) IN (SELECT k FROM R)}, the same rows (a NULL key matches nothing either
 * way). Calcite's unparser writes a semi-join as {@code WHERE EXISTS} but aliases a left input that is
 * itself a subquery twice ({@code (…) AS t AS t1}), which no source parses; an uncorrelated IN needs no
 * alias of the outer query at all, and every source plans it as a semi-join.
 */
final class SemiJoinAsInSubquery extends RelShuttleImpl {
    @Override
    public RelNode visit(LogicalJoin join) {
        LogicalJoin visited = (LogicalJoin) super.visit(join);
        if (visited.getJoinType() != JoinRelType.SEMI) {
            return visited;
        }
        JoinInfo keys = visited.analyzeCondition();
        if (!keys.isEqui() || keys.leftKeys.isEmpty()) {
            return visited;
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

    /** {@code fragment} with its equi semi-joins as IN subqueries; other nodes unchanged. */
    static RelNode rewrite(RelNode fragment) {
        return RelOptUtil.countJoins(fragment) == 0 ? fragment : fragment.accept(new SemiJoinAsInSubquery());
    }
}
