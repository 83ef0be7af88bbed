package io.junction.plan;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;

import java.util.List;

/**
 * Logical rewriting with Calcite's rules, before the federation planner splits the plan by source:
 * subqueries become joins, correlations are removed, filters move as close to the tables as they can
 * (so each source receives its own predicates), expressions are simplified, and unused columns are
 * trimmed (so each source is asked for the columns the query uses, and no others). Window functions
 * finally move out of projections into Window nodes.
 */
public final class LogicalPlanner {
    private static final List<RelOptRule> SUBQUERY_RULES = List.of(
            CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
            CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
            CoreRules.JOIN_SUB_QUERY_TO_CORRELATE);

    private static final List<RelOptRule> PUSH_AND_SIMPLIFY_RULES = List.of(
            CoreRules.FILTER_INTO_JOIN,
            CoreRules.JOIN_CONDITION_PUSH,
            CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_AGGREGATE_TRANSPOSE,
            CoreRules.FILTER_SET_OP_TRANSPOSE,
            CoreRules.FILTER_MERGE,
            CoreRules.FILTER_REDUCE_EXPRESSIONS,
            CoreRules.PROJECT_REDUCE_EXPRESSIONS,
            CoreRules.JOIN_PUSH_EXPRESSIONS,
            CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE,
            CoreRules.AGGREGATE_PROJECT_MERGE);

    /** Window functions (RexOver inside a projection) become Window nodes the executor runs. */
    private static final List<RelOptRule> WINDOW_RULES = List.of(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW);

    private LogicalPlanner() {
    }

    public static RelNode optimize(RelNode rel, RelBuilder relBuilder) {
        RelNode r = run(rel.accept(new ExistsToSemiJoin()), SUBQUERY_RULES);
        r = RelDecorrelator.decorrelateQuery(r, relBuilder);
        r = new RelFieldTrimmer(null, relBuilder).trim(r);
        r = r.accept(new PullCommonFactors());
        r = r.accept(new DeriveColumnPredicatesFromOr());
        r = run(r, PUSH_AND_SIMPLIFY_RULES);
        r = r.accept(new SemiJoinBelowInnerJoin());
        r = r.accept(new DistinctJoinToSemiJoin());
        r = new RelFieldTrimmer(null, relBuilder).trim(r);
        // last, so the rules above see window functions as plain expressions of a projection
        return run(r, WINDOW_RULES);
    }

    private static RelNode run(RelNode rel, List<RelOptRule> rules) {
        HepProgramBuilder program = HepProgram.builder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
        program.addRuleCollection(rules);
        HepPlanner planner = new HepPlanner(program.build());
        planner.setRoot(rel);
        return planner.findBestExp();
    }
}
