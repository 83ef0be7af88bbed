package io.junction.plan;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds to a filter or inner-join condition {@code (a1 AND b1) OR (a2 AND b2)}, where a1 and a2 are
 * conditions on one column x, the implied {@code a1 OR a2}: a condition on x alone, which the push
 * rules can move into the source holding x. The original condition stays, so the result is the same;
 * what changes is how much is fetched. TPC-H Q7's {@code (n1.n_name = 'FRANCE' AND n2.n_name =
 * 'GERMANY') OR (n1.n_name = 'GERMANY' AND n2.n_name = 'FRANCE')} lets each nation scan keep two
 * nations instead of 25, and Q19's three brand/container/size/quantity branches restrict part and
 * lineitem before they are joined.
 *
 * <p>Only deterministic conditions without sub-queries are used; a column must be constrained in every
 * branch, else the branch without a constraint lets any value through and nothing is implied.
 */
final class DeriveColumnPredicatesFromOr extends RelShuttleImpl {
    @Override
    public RelNode visit(LogicalFilter filter) {
        LogicalFilter visited = (LogicalFilter) super.visit(filter);
        RexNode derived = withDerived(visited.getCluster().getRexBuilder(), visited.getCondition());
        return derived == visited.getCondition() ? visited
                : visited.copy(visited.getTraitSet(), visited.getInput(), derived);
    }

    @Override
    public RelNode visit(LogicalJoin join) {
        LogicalJoin visited = (LogicalJoin) super.visit(join);
        if (visited.getJoinType() != JoinRelType.INNER) {
            // in an outer join's ON clause a condition does not remove rows of the preserved side
            return visited;
        }
        RexNode derived = withDerived(visited.getCluster().getRexBuilder(), visited.getCondition());
        return derived == visited.getCondition() ? visited
                : visited.copy(visited.getTraitSet(), derived, visited.getLeft(), visited.getRight(), visited.getJoinType(), visited.isSemiJoinDone());
    }

    /** {@code condition} with the implied single-column conditions added, or {@code condition} itself when there are none. */
    private static RexNode withDerived(RexBuilder rex, RexNode condition) {
        List<RexNode> conjuncts = RelOptUtil.conjunctions(condition);
        Set<RexNode> all = new LinkedHashSet<>(conjuncts);
        for (RexNode conjunct : conjuncts) {
            if (conjunct.isA(SqlKind.OR)) {
                all.addAll(implied(rex, RelOptUtil.disjunctions(conjunct)));
            }
        }
        return all.size() == conjuncts.size() ? condition : RexUtil.composeConjunction(rex, all);
    }

    /** Per column constrained in every branch: the OR of each branch's conditions on that column alone. */
    private static List<RexNode> implied(RexBuilder rex, List<RexNode> branches) {
        Map<Integer, List<RexNode>> perColumn = null;
        List<Map<Integer, List<RexNode>>> branchConditions = new ArrayList<>();
        for (RexNode branch : branches) {
            Map<Integer, List<RexNode>> byColumn = new LinkedHashMap<>();
            for (RexNode atom : RelOptUtil.conjunctions(branch)) {
                ImmutableBitSet columns = RelOptUtil.InputFinder.bits(atom);
                if (columns.cardinality() == 1 && RexUtil.isDeterministic(atom) && RexUtil.SubQueryFinder.find(atom) == null) {
                    byColumn.computeIfAbsent(columns.nextSetBit(0), c -> new ArrayList<>()).add(atom);
                }
            }
            branchConditions.add(byColumn);
            if (perColumn == null) {
                perColumn = new LinkedHashMap<>(byColumn);
            } else {
                perColumn.keySet().retainAll(byColumn.keySet());
            }
        }
        List<RexNode> implied = new ArrayList<>();
        if (perColumn == null) {
            return implied;
        }
        for (int column : perColumn.keySet()) {
            List<RexNode> alternatives = new ArrayList<>();
            for (Map<Integer, List<RexNode>> byColumn : branchConditions) {
                alternatives.add(RexUtil.composeConjunction(rex, byColumn.get(column)));
            }
            implied.add(RexUtil.composeDisjunction(rex, alternatives));
        }
        return implied;
    }
}
