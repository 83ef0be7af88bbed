package io.junction.federation;

import io.junction.connector.Connector;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.Strong;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Partial aggregation below a join Junction runs (eager aggregation): when an aggregation over a cross-source join
 * only aggregates values of one side, and that side is a statement of a SQL source, the source first aggregates its
 * rows by the join keys and the side's own grouping columns, and Junction merges the partial results after the
 * join. The source then sends one row per key instead of one per row.
 *
 * <p>Why it is exact: every joined row of a partial group meets the same rows of the other side, so summing (or
 * taking the least or greatest of) the partial results over the joined rows gives what the aggregation over the
 * original joined rows gives: SUM of SUMs, SUM of COUNTs, MIN of MINs, MAX of MAXes. For a LEFT or RIGHT join whose
 * aggregated side is the one that may be missing, an unmatched row carries NULL partials: it adds nothing to sums
 * and counts (a count of nothing merges to 0), and COUNT(*) counts it once, as the join emitted it once; so the
 * arguments must then be NULL when the side's columns are (a plain column is, COALESCE(x, 3) is not).
 * Aggregates that do not decompose this way (DISTINCT, AVG, statistics, ordered or filtered calls) leave the plan
 * alone, as do joins with conditions other than key equalities.
 *
 * <p>A semi- or anti-join Junction runs on key equalities alone reads nothing of its right side but whether a key
 * is there, so a SQL source sends the right side's distinct keys (a GROUP BY of the keys) instead of its rows: TPC-H
 * Q22's NOT EXISTS over orders fetches the 100,000 customer keys that have orders, not the 1.5M orders. A NULL key
 * keeps matching nothing.
 *
 * <p>Pushed only when the estimated bytes of the partial result are clearly below those of the side's rows.
 */
final class PartialAggregation extends RelShuttleImpl {
    /** The partial result must be estimated at no more than this fraction of the side's cost to be worth a GROUP BY. */
    private static final double WORTHWHILE = 0.8;
    /**
     * The partial result must also be estimated at no more than this fraction of the side's rows: grouping
     * costs the source as much as streaming the rows does, and sampled distinct counts of near-unique keys
     * run low (PostgreSQL estimates 376,000 distinct l_orderkey values in TPC-H SF1's 6M lineitem rows,
     * where there are 1.5M), so a modest estimated reduction is often none. TPC-H Q3's pushed GROUP BY
     * l_orderkey doubled the time of its lineitem statement.
     */
    private static final double MAX_GROUP_TO_ROW_RATIO = 0.1;
    /**
     * Nor more groups than this: sources aggregate many groups slowly. PostgreSQL's default work_mem of 4 MB spills a
     * hash aggregation past roughly 50,000 groups, and plans it without parallel workers, so at TPC-H SF1 its GROUP BY
     * o_custkey over the 1.5M orders (100,000 groups) takes 820 ms where streaming the orders over two connections
     * (a parallel split scan) and grouping them in Junction takes 530; MariaDB likewise moves a GROUP BY to an on-disk
     * table past its tmp_table_size.
     */
    private static final double MAX_GROUPS = 50_000;
    private static final Set<SqlKind> DECOMPOSABLE = Set.of(SqlKind.SUM, SqlKind.COUNT, SqlKind.MIN, SqlKind.MAX);

    private final FederationPlanner federation;

    PartialAggregation(FederationPlanner federation) {
        this.federation = federation;
    }

    @Override
    public RelNode visit(LogicalAggregate aggregate) {
        LogicalAggregate visited = (LogicalAggregate) super.visit(aggregate);
        RelNode rewritten = rewrite(visited);
        return rewritten == null ? visited : rewritten;
    }

    @Override
    public RelNode visit(LogicalJoin join) {
        LogicalJoin visited = (LogicalJoin) super.visit(join);
        RelNode rewritten = distinctKeysOfRightSide(visited);
        return rewritten == null ? visited : rewritten;
    }

    /** The semi- or anti-join reading only the distinct keys of its right side, or null when that is not worth it. */
    private RelNode distinctKeysOfRightSide(LogicalJoin join) {
        if ((join.getJoinType() != JoinRelType.SEMI && join.getJoinType() != JoinRelType.ANTI) || federation.placement(join).isPresent()) {
            return null;
        }
        JoinInfo keys = join.analyzeCondition();
        RelNode right = join.getRight();
        if (!keys.isEqui() || keys.rightKeys.isEmpty() || right instanceof Aggregate
                || federation.placement(right).flatMap(Connector::dialect).isEmpty()) {
            return null;
        }
        ImmutableBitSet keySet = ImmutableBitSet.of(keys.rightKeys);
        RelNode distinct = LogicalAggregate.create(right, List.of(), keySet, null, List.of());
        if (!worthPushing(right, distinct)) {
            return null;
        }
        int leftCount = join.getLeft().getRowType().getFieldCount();
        List<Integer> keyFields = keySet.toList();
        RexNode condition = join.getCondition().accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                int f = ref.getIndex();
                return f < leftCount ? ref : new RexInputRef(leftCount + keyFields.indexOf(f - leftCount), ref.getType());
            }
        });
        RelNode rewritten = LogicalJoin.create(join.getLeft(), distinct, join.getHints(), condition, join.getVariablesSet(), join.getJoinType());
        federation.keepInJunction(rewritten);
        return rewritten;
    }

    /** The aggregation with a partial one pushed below its join, or null when that is not exact or not worth it. */
    private RelNode rewrite(LogicalAggregate aggregate) {
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE || !aggregate.getAggCallList().stream().allMatch(PartialAggregation::decomposable)) {
            return null;
        }
        LogicalProject project = aggregate.getInput() instanceof LogicalProject p ? p : null;
        RelNode below = project == null ? aggregate.getInput() : project.getInput();
        if (!(below instanceof LogicalJoin join) || federation.placement(join).isPresent()) {
            return null;
        }
        JoinInfo keys = join.analyzeCondition();
        if (!keys.isEqui() || keys.leftKeys.isEmpty()) {
            return null;
        }
        // what the aggregation reads, as expressions over the join's fields
        List<RexNode> fields = new ArrayList<>();
        for (int i = 0; i < aggregate.getInput().getRowType().getFieldCount(); i++) {
            fields.add(project == null ? RexInputRef.of(i, join.getRowType()) : project.getProjects().get(i));
        }
        for (boolean aggregatedSideIsRight : new boolean[]{true, false}) {
            RelNode pushed = rewrite(aggregate, fields, join, keys, aggregatedSideIsRight);
            if (pushed != null) {
                return pushed;
            }
        }
        return null;
    }

    private static boolean decomposable(AggregateCall call) {
        return DECOMPOSABLE.contains(call.getAggregation().getKind()) && !call.isDistinct() && call.filterArg < 0
                && call.getArgList().size() <= 1 && call.getCollation().getFieldCollations().isEmpty() && call.rexList.isEmpty();
    }

    private RelNode rewrite(LogicalAggregate aggregate, List<RexNode> fields, LogicalJoin join, JoinInfo keys, boolean rightSide) {
        JoinRelType type = join.getJoinType();
        boolean sideMayBeMissing = rightSide ? type == JoinRelType.LEFT : type == JoinRelType.RIGHT;
        if (type != JoinRelType.INNER && !sideMayBeMissing) {
            return null;
        }
        RelNode side = rightSide ? join.getRight() : join.getLeft();
        RelNode other = rightSide ? join.getLeft() : join.getRight();
        var source = federation.placement(side);
        if (source.isEmpty() || source.get().dialect().isEmpty()) {
            return null;
        }
        if (type == JoinRelType.INNER && keys.leftKeys.size() == 1 && BindJoinChoice.chosen(other,
                (rightSide ? keys.leftKeys : keys.rightKeys).get(0), side, (rightSide ? keys.rightKeys : keys.leftKeys).get(0), federation)) {
            // the side will be read through the other side's keys (a bind join), which already cuts it down;
            // grouping it first would make it look too small to bind (TPC-H Q21: 19 s for all suppliers'
            // lineitems, where the 411 Saudi suppliers' keys select a twenty-fifth of them)
            return null;
        }
        int leftCount = join.getLeft().getRowType().getFieldCount();
        int sideStart = rightSide ? leftCount : 0;
        ImmutableBitSet sideFields = ImmutableBitSet.range(sideStart, sideStart + side.getRowType().getFieldCount());

        // the partial aggregation groups by the join keys and the side's columns the grouping reads
        ImmutableBitSet.Builder partialKeys = ImmutableBitSet.builder();
        (rightSide ? keys.rightKeys : keys.leftKeys).forEach(k -> partialKeys.set(sideStart + k));
        for (int g : aggregate.getGroupSet()) {
            partialKeys.addAll(RelOptUtil.InputFinder.bits(fields.get(g)).intersect(sideFields));
        }
        List<RexNode> arguments = new ArrayList<>();
        for (AggregateCall call : aggregate.getAggCallList()) {
            if (!call.getArgList().isEmpty()) {
                RexNode argument = fields.get(call.getArgList().get(0));
                if (!sideFields.contains(RelOptUtil.InputFinder.bits(argument))) {
                    return null;
                }
                if (sideMayBeMissing && !Strong.isNull(argument, sideFields)) {
                    // an unmatched row has no partial value, so the argument must be NULL without the side's row
                    // (COALESCE(x, 3) would add 3 for it)
                    return null;
                }
                arguments.add(argument);
            }
        }
        List<Integer> keyFields = partialKeys.build().toList();

        RexBuilder rexBuilder = join.getCluster().getRexBuilder();
        RelNode partial = partialAggregate(aggregate, side, sideStart, keyFields, arguments);
        if (!worthPushing(side, partial)) {
            return null;
        }

        // join fields → fields of the new join (the side replaced by its partial result: keys, then partial values)
        int otherCount = other.getRowType().getFieldCount();
        int partialStart = rightSide ? otherCount : 0;
        int otherStart = rightSide ? 0 : keyFields.size() + aggregate.getAggCallList().size();
        RexShuttle renumber = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                int f = ref.getIndex();
                if (f >= sideStart && f < sideStart + side.getRowType().getFieldCount()) {
                    return new RexInputRef(partialStart + keyFields.indexOf(f), ref.getType());
                }
                return new RexInputRef(otherStart + (rightSide ? f : f - leftCount), ref.getType());
            }
        };
        RelNode joined = LogicalJoin.create(rightSide ? other : partial, rightSide ? partial : other, join.getHints(),
                join.getCondition().accept(renumber), join.getVariablesSet(), type);
        federation.keepInJunction(joined);

        // above the join: the grouping expressions, then what each call merges
        List<RexNode> merging = new ArrayList<>();
        for (int g : aggregate.getGroupSet()) {
            merging.add(fields.get(g).accept(renumber));
        }
        List<AggregateCall> calls = aggregate.getAggCallList();
        for (int c = 0; c < calls.size(); c++) {
            RexNode value = RexInputRef.of(partialStart + keyFields.size() + c, joined.getRowType());
            if (sideMayBeMissing && calls.get(c).getAggregation().getKind() == SqlKind.COUNT && calls.get(c).getArgList().isEmpty()) {
                // COUNT(*) counts a row the join emitted without a match of the aggregated side once
                value = rexBuilder.makeCall(SqlStdOperatorTable.COALESCE, value, rexBuilder.makeBigintLiteral(java.math.BigDecimal.ONE));
            }
            merging.add(value);
        }
        int groupCount = aggregate.getGroupCount();
        // named as the aggregation's fields, so the merged aggregation's row type is the original one where types agree
        List<String> names = aggregate.getRowType().getFieldNames();
        RelNode mergeInput = LogicalProject.create(joined, List.of(), merging, names, Set.of());
        List<AggregateCall> merges = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            SqlAggFunction merge = calls.get(c).getAggregation().getKind() == SqlKind.COUNT ? SqlStdOperatorTable.SUM : calls.get(c).getAggregation();
            merges.add(AggregateCall.create(merge, false, false, false, List.of(), List.of(groupCount + c), -1, null,
                    RelCollations.EMPTY, groupCount, mergeInput, null, names.get(groupCount + c)));
        }
        RelNode merged = LogicalAggregate.create(mergeInput, List.of(), ImmutableBitSet.range(groupCount), null, merges);

        // the aggregation's own row type: counts of nothing are 0, and nullability as before
        List<RexNode> output = new ArrayList<>();
        List<RelDataType> types = aggregate.getRowType().getFieldList().stream().map(f -> f.getType()).toList();
        for (int i = 0; i < types.size(); i++) {
            RexNode value = RexInputRef.of(i, merged.getRowType());
            if (i >= groupCount && calls.get(i - groupCount).getAggregation().getKind() == SqlKind.COUNT) {
                value = rexBuilder.makeCall(SqlStdOperatorTable.COALESCE, value, rexBuilder.makeBigintLiteral(java.math.BigDecimal.ZERO));
            }
            output.add(value.getType().equals(types.get(i)) ? value : rexBuilder.makeAbstractCast(types.get(i), value, false));
        }
        boolean identity = merged.getRowType().getFieldNames().equals(names) && output.stream().allMatch(e -> e instanceof RexInputRef);
        return identity ? merged : LogicalProject.create(merged, List.of(), output, names, Set.of());
    }

    /** The side's rows grouped by {@code keyFields} (join fields), each call computed over its argument. */
    private static RelNode partialAggregate(LogicalAggregate aggregate, RelNode side, int sideStart, List<Integer> keyFields,
                                            List<RexNode> arguments) {
        RexShuttle toSide = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(ref.getIndex() - sideStart, ref.getType());
            }
        };
        List<RexNode> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int key : keyFields) {
            inputs.add(RexInputRef.of(key - sideStart, side.getRowType()));
            names.add(side.getRowType().getFieldNames().get(key - sideStart));
        }
        for (int a = 0; a < arguments.size(); a++) {
            inputs.add(arguments.get(a).accept(toSide));
            names.add("partial_arg" + a);
        }
        RelNode projected = LogicalProject.create(side, List.of(), inputs, names, Set.of());
        List<AggregateCall> calls = new ArrayList<>();
        int argument = keyFields.size();
        for (AggregateCall call : aggregate.getAggCallList()) {
            List<Integer> args = call.getArgList().isEmpty() ? List.of() : List.of(argument++);
            calls.add(AggregateCall.create(call.getAggregation(), false, false, false, List.of(), args, -1, null,
                    RelCollations.EMPTY, keyFields.size(), projected, null, "partial_" + calls.size()));
        }
        return LogicalAggregate.create(projected, List.of(), ImmutableBitSet.range(keyFields.size()), null, calls);
    }

    /** Whether a source computes the partial aggregation, and its result is estimated clearly cheaper to fetch than the side's rows. */
    private boolean worthPushing(RelNode side, RelNode partial) {
        if (federation.placement(partial).isEmpty()) {
            return false;
        }
        RelMetadataQuery mq = side.getCluster().getMetadataQuery();
        Double groups = mq.getRowCount(partial);
        Double rows = mq.getRowCount(side);
        return groups != null && rows != null && groups <= MAX_GROUP_TO_ROW_RATIO * rows && groups <= MAX_GROUPS
                && FederatedCostModel.fragment(partial, mq) < WORTHWHILE * FederatedCostModel.fragment(side, mq);
    }
}
