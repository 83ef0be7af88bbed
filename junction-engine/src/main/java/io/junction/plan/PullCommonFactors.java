package io.junction.plan;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Rewrites {@code (a AND b) OR (a AND c)} into {@code a AND (b OR c)} in filter and join conditions, an
 * equivalence. It lets the push rules see what every branch requires: a join key repeated in each OR
 * branch (TPC-H Q19) becomes an equi-join key, so the join hashes instead of looping, and a single-table
 * predicate common to all branches is pushed into its source.
 */
final class PullCommonFactors extends RelShuttleImpl {
    @Override
    public RelNode visit(LogicalFilter filter) {
        LogicalFilter visited = (LogicalFilter) super.visit(filter);
        RexNode pulled = RexUtil.pullFactors(visited.getCluster().getRexBuilder(), visited.getCondition());
        return pulled.equals(visited.getCondition()) ? visited
                : visited.copy(visited.getTraitSet(), visited.getInput(), pulled);
    }

    @Override
    public RelNode visit(LogicalJoin join) {
        LogicalJoin visited = (LogicalJoin) super.visit(join);
        RexNode pulled = RexUtil.pullFactors(visited.getCluster().getRexBuilder(), visited.getCondition());
        return pulled.equals(visited.getCondition()) ? visited
                : visited.copy(visited.getTraitSet(), pulled, visited.getLeft(), visited.getRight(), visited.getJoinType(), visited.isSemiJoinDone());
    }
}
