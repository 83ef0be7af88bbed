package io.junction.federation;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;

import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reorders every tree of inner joins in a plan ({@link JoinGraph}) into the cheapest order the
 * {@link JoinOrderEnumerator} finds under {@link FederatedJoinCosting}, innermost trees first (a relation of one
 * graph may hold another, below an aggregation or an outer join). The joins the chosen plans run in Junction are
 * handed to the federation planner, which then does not push them even where one source could run them.
 */
final class JoinReordering extends RelShuttleImpl {
    private final FederationPlanner federation;
    /** Join trees whose rows an aggregation or a top-N reduces right above them. */
    private final Set<RelNode> reducedAbove = Collections.newSetFromMap(new IdentityHashMap<>());

    JoinReordering(FederationPlanner federation) {
        this.federation = federation;
    }

    /** A projection of a join tree reads only some of its fields: the reordered tree returns only those. */
    @Override
    public RelNode visit(LogicalProject project) {
        if (!JoinGraph.isReorderable(project.getInput())) {
            return super.visit(project);
        }
        ImmutableBitSet used = atLeastOneField(RelOptUtil.InputFinder.bits(project.getProjects(), null));
        RelNode input = reorder((LogicalJoin) project.getInput(), used);
        RexPermuteInputsShuttle renumber = RexPermuteInputsShuttle.of(compaction(used, project.getInput()));
        List<RexNode> projects = project.getProjects().stream().map(e -> e.accept(renumber)).toList();
        if (input instanceof LogicalProject selection) {
            // the reordered tree ends in a selection of its fields: one projection does both
            projects = RelOptUtil.pushPastProject(projects, selection);
            input = selection.getInput();
        }
        return LogicalProject.create(input, project.getHints(), projects, project.getRowType().getFieldNames(), project.getVariablesSet());
    }

    /** Likewise an aggregation over a join tree, which also reduces its rows. */
    @Override
    public RelNode visit(LogicalAggregate aggregate) {
        markJoinBelow(aggregate);
        boolean callsReadOnlyArguments = aggregate.getAggCallList().stream().allMatch(c -> c.rexList.stream().allMatch(e -> e instanceof RexLiteral));
        if (!JoinGraph.isReorderable(aggregate.getInput()) || !callsReadOnlyArguments) {
            return super.visit(aggregate);
        }
        ImmutableBitSet.Builder read = aggregate.getGroupSet().rebuild();
        for (AggregateCall call : aggregate.getAggCallList()) {
            read.addAll(call.getArgList());
            if (call.filterArg >= 0) {
                read.set(call.filterArg);
            }
            call.getCollation().getFieldCollations().forEach(c -> read.set(c.getFieldIndex()));
        }
        ImmutableBitSet used = atLeastOneField(read.build());
        RelNode input = reorder((LogicalJoin) aggregate.getInput(), used);
        Mapping mapping = compaction(used, aggregate.getInput());
        List<ImmutableBitSet> groupSets = aggregate.getGroupSets().stream().map(g -> remap(g, mapping)).toList();
        List<AggregateCall> calls = aggregate.getAggCallList().stream().map(c -> c.transform(mapping)).toList();
        return aggregate.copy(aggregate.getTraitSet(), input, remap(aggregate.getGroupSet(), mapping), groupSets, calls);
    }

    /** A node without fields is not something the executor runs, so a tree none of whose fields are read keeps one. */
    private static ImmutableBitSet atLeastOneField(ImmutableBitSet used) {
        return used.isEmpty() ? ImmutableBitSet.of(0) : used;
    }

    /** Field i of {@code rel} to its position among the {@code used} fields, which keep their order. */
    private static Mapping compaction(ImmutableBitSet used, RelNode rel) {
        Mapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION, rel.getRowType().getFieldCount(), used.cardinality());
        int position = 0;
        for (int field : used) {
            mapping.set(field, position++);
        }
        return mapping;
    }

    private static ImmutableBitSet remap(ImmutableBitSet fields, Mapping mapping) {
        ImmutableBitSet.Builder remapped = ImmutableBitSet.builder();
        fields.forEach(f -> remapped.set(mapping.getTarget(f)));
        return remapped.build();
    }

    @Override
    public RelNode visit(LogicalSort sort) {
        if (sort.fetch != null) {
            markJoinBelow(sort);
        }
        return super.visit(sort);
    }

    /**
     * Notes the join tree that the input of {@code reducer} is, under filters and projections, as reduced above,
     * when one source can run the reducer with everything below it (else the join's rows are what is fetched).
     */
    private void markJoinBelow(RelNode reducer) {
        if (federation.placement(reducer).isEmpty()) {
            return;
        }
        RelNode node = reducer.getInput(0);
        while (node instanceof Filter || node instanceof Project) {
            node = node.getInput(0);
        }
        if (node instanceof LogicalJoin) {
            reducedAbove.add(node);
        }
    }

    @Override
    public RelNode visit(LogicalJoin join) {
        if (!JoinGraph.isReorderable(join)) {
            return super.visit(join);
        }
        return reorder(join, ImmutableBitSet.range(join.getRowType().getFieldCount()));
    }

    /** The join tree rooted at {@code join} in its cheapest order, returning the {@code used} fields in their order. */
    private RelNode reorder(LogicalJoin join, ImmutableBitSet used) {
        JoinGraph graph = JoinGraph.of(join, used).orElse(null);
        if (graph == null) {
            // too many relations to number: keep the order, reorder inside
            RelNode visited = super.visit(join);
            return used.cardinality() == join.getRowType().getFieldCount() ? visited
                    : RelOptUtil.createProject(visited, used.toList());
        }
        for (int r = 0; r < graph.relationCount(); r++) {
            graph.replaceRelation(r, graph.relation(r).accept(this));
        }
        AggregateInputReduction.apply(graph, join.getCluster().getMetadataQuery(), join.getCluster().getRexBuilder());
        var costing = new FederatedJoinCosting(graph, federation, join.getCluster().getMetadataQuery(), reducedAbove.contains(join));
        JoinPlan plan = new JoinOrderEnumerator(costing).best();
        return graph.toRel(plan, join.getCluster().getRexBuilder(), federation::keepInJunction);
    }
}
