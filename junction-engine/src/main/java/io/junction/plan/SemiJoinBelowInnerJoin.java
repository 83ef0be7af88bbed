package io.junction.plan;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.List;

/**
 * Moves a semi-join or anti-join below the inner join under it, to the input whose columns its condition
 * uses: {@code (A JOIN B) SEMI JOIN R ON cond(A, R)} becomes {@code (A SEMI JOIN R ON cond) JOIN B}, and
 * likewise for B and for anti-joins, repeatedly. The rows are the same (whether a joined row is kept
 * depends only on its A part, so A's rows can be kept or dropped before the join), and the column order
 * is unchanged. It brings an EXISTS next to the table it tests: TPC-H Q21's two lineitem subqueries then
 * sit on lineitem itself, so lineitem, its semi- and anti-join and orders form one PostgreSQL statement
 * instead of three lineitem scans fetched whole and joined in Junction. It also passes below a projection that
 * selects the fields its condition reads.
 */
public final class SemiJoinBelowInnerJoin extends RelShuttleImpl {
    @Override
    public RelNode visit(LogicalJoin join) {
        LogicalJoin visited = (LogicalJoin) super.visit(join);
        return pushDown(visited);
    }

    /** {@code semi} moved as far down its left input's inner joins (and field selections) as its condition allows. */
    public static RelNode pushDown(LogicalJoin semi) {
        if (semi.getJoinType() != JoinRelType.SEMI && semi.getJoinType() != JoinRelType.ANTI) {
            return semi;
        }
        if (semi.getLeft() instanceof LogicalProject selection) {
            return belowSelection(semi, selection);
        }
        if (!(semi.getLeft() instanceof LogicalJoin inner) || inner.getJoinType() != JoinRelType.INNER) {
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

    /**
     * {@code (SELECT fields FROM X) SEMI JOIN R} as {@code SELECT fields FROM (X SEMI JOIN R)}, when the condition reads
     * only fields the projection passes through unchanged; the semi-join then keeps moving down X.
     */
    private static RelNode belowSelection(LogicalJoin semi, LogicalProject selection) {
        int selected = selection.getRowType().getFieldCount();
        int shift = selection.getInput().getRowType().getFieldCount() - selected;
        List<RexNode> projects = selection.getProjects();
        boolean passedThrough = RelOptUtil.InputFinder.bits(semi.getCondition()).asList().stream()
                .allMatch(f -> f >= selected || projects.get(f) instanceof RexInputRef);
        if (!passedThrough) {
            return semi;
        }
        RexNode condition = semi.getCondition().accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return ref.getIndex() < selected ? projects.get(ref.getIndex()) : new RexInputRef(ref.getIndex() + shift, ref.getType());
            }
        });
        RelNode below = pushDown(semi.copy(semi.getTraitSet(), condition, selection.getInput(), semi.getRight(), semi.getJoinType(), false));
        return selection.copy(selection.getTraitSet(), below, projects, selection.getRowType());
    }
}
