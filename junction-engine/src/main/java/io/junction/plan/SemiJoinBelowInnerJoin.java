package io.junction.plan;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Moves a semi-join or anti-join below the inner join under it, to the input whose columns its condition
 * uses: {@code (A JOIN B) SEMI JOIN R ON cond(A, R)} becomes {@code (A SEMI JOIN R ON cond) JOIN B}, and
 * likewise for B and for anti-joins, repeatedly. The rows are the same (whether a joined row is kept
 * depends only on its A part, so A's rows can be kept or dropped before the join), and the column order
 * is unchanged. It brings an EXISTS next to the table it tests: TPC-H Q21's two lineitem subqueries then
 * sit on lineitem itself, so lineitem, its semi- and anti-join and orders form one PostgreSQL statement
 * instead of three lineitem scans fetched whole and joined in Junction.
 */
final class SemiJoinBelowInnerJoin extends RelShuttleImpl {
    @Override
    public RelNode visit(LogicalJoin join) {
        LogicalJoin visited = (LogicalJoin) super.visit(join);
        return pushDown(visited);
    }

    private static RelNode pushDown(LogicalJoin semi) {
        if ((semi.getJoinType() != JoinRelType.SEMI && semi.getJoinType() != JoinRelType.ANTI)
                || !(semi.getLeft() instanceof LogicalJoin inner) || inner.getJoinType() != JoinRelType.INNER) {
            return semi;
        }
        int aWidth = inner.getLeft().getRowType().getFieldCount();
        int leftWidth = inner.getRowType().getFieldCount();
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(semi.getCondition());
        ImmutableBitSet leftUsed = used.intersect(ImmutableBitSet.range(leftWidth));
        if (leftUsed.isEmpty()) {
            return semi;
        }
        if (leftUsed.nth(leftUsed.cardinality() - 1) < aWidth) {
            // only A's columns: R's columns move down by B's width
            int bWidth = leftWidth - aWidth;
            RexNode condition = RexUtil.shift(semi.getCondition(), leftWidth, -bWidth);
            RelNode a = pushDown(semi.copy(semi.getTraitSet(), condition, inner.getLeft(), semi.getRight(), semi.getJoinType(), false));
            return inner.copy(inner.getTraitSet(), inner.getCondition(), a, inner.getRight(), JoinRelType.INNER, inner.isSemiJoinDone());
        }
        if (leftUsed.nextSetBit(0) >= aWidth) {
            // only B's columns: they move down by A's width, and R's columns with them
            RexNode condition = RexUtil.shift(semi.getCondition(), aWidth, -aWidth);
            RelNode b = pushDown(semi.copy(semi.getTraitSet(), condition, inner.getRight(), semi.getRight(), semi.getJoinType(), false));
            return inner.copy(inner.getTraitSet(), inner.getCondition(), inner.getLeft(), b, JoinRelType.INNER, inner.isSemiJoinDone());
        }
        return semi;
    }
}
