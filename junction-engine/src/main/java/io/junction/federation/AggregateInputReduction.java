package io.junction.federation;

import io.junction.plan.SemiJoinBelowInnerJoin;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.util.List;
import java.util.Set;

/**
 * Semi-join reduction of an aggregation inside a tree of inner joins: when the graph equates a grouping field of an
 * aggregated relation with a field of a much smaller relation, only the groups whose key that relation has survive the
 * join, so the aggregation needs only the input rows with those keys. Its input is semi-joined with the smaller
 * relation on that key (a group is kept or dropped whole, so the surviving groups' values are unchanged).
 *
 * <p>This is what a decorrelated subquery loses: TPC-H Q17's {@code avg(l_quantity)} per part, correlated to the
 * 200 parts of one brand and container, becomes an average over all 200,000 parts of lineitem joined back to them;
 * reduced, it averages the rows of those 200 parts only, and the source filters them with an {@code IN} subquery.
 */
final class AggregateInputReduction {
    /**
     * The reducing relation must be estimated at most this share of the aggregation's groups; above it, the semi-join
     * would filter out too few rows to pay for itself.
     */
    static final double MAX_KEY_SHARE = 0.1;

    private AggregateInputReduction() {
    }

    /** Reduces each aggregated relation of {@code graph} by the smallest relation equated with one of its grouping fields. */
    static void apply(JoinGraph graph, RelMetadataQuery mq, RexBuilder rexBuilder) {
        for (int r = 0; r < graph.relationCount(); r++) {
            if (!(graph.relation(r) instanceof Aggregate aggregate) || aggregate.getGroupType() != Aggregate.Group.SIMPLE
                    || aggregate.getGroupCount() == 0) {
                continue;
            }
            Reducer best = null;
            for (RexNode predicate : graph.predicates()) {
                Reducer reducer = reducer(graph, r, aggregate, predicate, mq);
                if (reducer != null && (best == null || reducer.rows < best.rows)) {
                    best = reducer;
                }
            }
            if (best != null) {
                graph.replaceRelation(r, reduce(aggregate, best, rexBuilder));
            }
        }
    }

    /** A relation to semi-join an aggregation's input with: input field {@code inputField} equals its {@code field}. */
    private record Reducer(RelNode relation, int field, int inputField, double rows) {
    }

    /**
     * The reducer {@code predicate} offers aggregated relation {@code r}: an equality, without casts, of one of its
     * grouping fields with a field of another relation estimated to have far fewer rows than the aggregation groups.
     */
    private static Reducer reducer(JoinGraph graph, int r, Aggregate aggregate, RexNode predicate, RelMetadataQuery mq) {
        if (predicate.getKind() != SqlKind.EQUALS
                || !(((RexCall) predicate).getOperands().get(0) instanceof RexInputRef a)
                || !(((RexCall) predicate).getOperands().get(1) instanceof RexInputRef b)
                || !SqlTypeUtil.equalSansNullability(a.getType(), b.getType())) {
            return null;
        }
        int own;
        int other;
        if (graph.relationOf(a.getIndex()) == r) {
            own = a.getIndex();
            other = b.getIndex();
        } else if (graph.relationOf(b.getIndex()) == r) {
            own = b.getIndex();
            other = a.getIndex();
        } else {
            return null;
        }
        int s = graph.relationOf(other);
        int groupPosition = own - graph.firstField(r);
        if (s == r || groupPosition >= aggregate.getGroupCount()) {
            return null;
        }
        RelNode relation = graph.relation(s);
        Double rows = mq.getRowCount(relation);
        Double groups = mq.getRowCount(aggregate);
        if (rows == null || groups == null || rows > MAX_KEY_SHARE * groups) {
            return null;
        }
        return new Reducer(relation, other - graph.firstField(s), aggregate.getGroupSet().nth(groupPosition), rows);
    }

    private static RelNode reduce(Aggregate aggregate, Reducer reducer, RexBuilder rexBuilder) {
        RelNode input = aggregate.getInput();
        int inputWidth = input.getRowType().getFieldCount();
        RexNode condition = rexBuilder.makeCall(SqlStdOperatorTable.EQUALS,
                rexBuilder.makeInputRef(input, reducer.inputField()),
                new RexInputRef(inputWidth + reducer.field(), reducer.relation().getRowType().getFieldList().get(reducer.field()).getType()));
        LogicalJoin semi = LogicalJoin.create(input, reducer.relation(), List.of(), condition, Set.of(), JoinRelType.SEMI);
        // down onto the relation that holds the key, where a source can run it with that relation
        return aggregate.copy(aggregate.getTraitSet(), List.of(SemiJoinBelowInnerJoin.pushDown(semi)));
    }
}
