package io.junction.plan;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns {@code WHERE … AND [NOT] EXISTS (SELECT … FROM r WHERE cond(outer, r))} into a semi-join (anti-join
 * for NOT EXISTS) of the filter's input with {@code r} on {@code cond}, before Calcite's sub-query
 * removal and decorrelation see it. Those handle a correlated condition that is not a plain equality
 * (TPC-H Q21: {@code l2.l_orderkey = l1.l_orderkey AND l2.l_suppkey <> l1.l_suppkey}) by joining the
 * sub-query with every distinct outer row, which copied Q21's outer query three times and fetched
 * lineitem five times. A semi- or anti-join with the condition as it is has the same meaning (a row of
 * the input is kept when some row of r makes cond TRUE, or none does) and stays one join.
 *
 * <p>Applies to top-level conjuncts of a filter whose sub-query is, below any projections (which EXISTS
 * ignores), a filter on a relation that is not itself correlated, the correlation appearing only in
 * that filter's condition and only as fields of this filter's correlation variable.
 */
final class ExistsToSemiJoin extends RelShuttleImpl {
    @Override
    public RelNode visit(LogicalFilter filter) {
        LogicalFilter visited = (LogicalFilter) super.visit(filter);
        if (visited.getVariablesSet().size() != 1) {
            return visited;
        }
        CorrelationId correlation = visited.getVariablesSet().iterator().next();
        RexBuilder rex = visited.getCluster().getRexBuilder();
        RelNode input = visited.getInput();
        List<RexNode> remaining = new ArrayList<>();
        boolean rewritten = false;
        for (RexNode conjunct : RelOptUtil.conjunctions(visited.getCondition())) {
            boolean negated = conjunct.isA(SqlKind.NOT);
            RexNode inner = negated ? ((org.apache.calcite.rex.RexCall) conjunct).getOperands().get(0) : conjunct;
            RelNode joined = inner instanceof RexSubQuery sub && sub.getKind() == SqlKind.EXISTS
                    ? semiJoin(input, sub.rel, correlation, negated ? JoinRelType.ANTI : JoinRelType.SEMI, rex) : null;
            if (joined == null) {
                remaining.add(conjunct);
            } else {
                input = joined;
                rewritten = true;
            }
        }
        if (!rewritten) {
            return visited;
        }
        if (remaining.isEmpty()) {
            return input;
        }
        RexNode rest = RexUtil.composeConjunction(rex, remaining);
        boolean stillCorrelated = remaining.stream().anyMatch(n -> RexUtil.containsCorrelation(n) || RexUtil.SubQueryFinder.find(n) != null);
        return LogicalFilter.create(input, rest, stillCorrelated ? com.google.common.collect.ImmutableSet.of(correlation) : com.google.common.collect.ImmutableSet.of());
    }

    /** {@code input} semi/anti-joined with the sub-query's relation, or null when the sub-query has another shape. */
    private static RelNode semiJoin(RelNode input, RelNode subQuery, CorrelationId correlation, JoinRelType type, RexBuilder rex) {
        RelNode body = subQuery;
        while (body instanceof Project project) {
            if (project.getProjects().stream().anyMatch(RexUtil::containsCorrelation)) {
                return null;
            }
            body = project.getInput();
        }
        if (!(body instanceof LogicalFilter inner) || !inner.getVariablesSet().isEmpty()
                || !RelOptUtil.getVariablesUsed(inner.getInput()).isEmpty()) {
            return null;
        }
        // Conjuncts on the sub-query's relation alone filter it before the join; only the correlated
        // ones become the join condition.
        List<RexNode> local = new ArrayList<>();
        List<RexNode> correlated = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(inner.getCondition())) {
            (RexUtil.containsCorrelation(conjunct) || RexUtil.SubQueryFinder.find(conjunct) != null ? correlated : local).add(conjunct);
        }
        RelNode right = local.isEmpty() ? inner.getInput() : LogicalFilter.create(inner.getInput(), RexUtil.composeConjunction(rex, local));
        int inputWidth = input.getRowType().getFieldCount();
        boolean[] onlyThisCorrelation = {true};
        RexNode condition = RexUtil.composeConjunction(rex, correlated).accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(ref.getIndex() + inputWidth, ref.getType());
            }

            @Override
            public RexNode visitFieldAccess(RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof RexCorrelVariable variable && variable.id.equals(correlation)) {
                    int field = access.getField().getIndex();
                    return new RexInputRef(field, input.getRowType().getFieldList().get(field).getType());
                }
                onlyThisCorrelation[0] = false;
                return super.visitFieldAccess(access);
            }

            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                onlyThisCorrelation[0] = false;
                return subQuery;
            }
        });
        if (!onlyThisCorrelation[0] || RexUtil.containsCorrelation(condition)) {
            return null;
        }
        return LogicalJoin.create(input, right, List.of(), condition, Set.of(), type);
    }
}
