package io.junction.federation;

import io.junction.connector.Connector;
import io.junction.connector.SourceDialect;
import io.junction.connector.SourceQuery;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.sql.SourceTable;
import io.junction.sql.SqlTypeMapping;
import io.junction.types.ColumnMetadata;
import io.junction.types.JunctionType;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which part of a logical plan each source executes.
 *
 * <p>Algorithm: a bottom-up pass places every node at the one source that can compute it (a table scan
 * at its table's source; a filter, projection, join, aggregate, sort or set operation at the source of
 * its inputs when they all agree and the source speaks SQL). The execution planner then walks the plan
 * top-down and asks {@link #fragmentAt} at each node: the first placed node it meets becomes a
 * {@link SourceFragment} rendered as one statement, so fragments are maximal. A node whose statement
 * cannot be rendered for its dialect stays local and its inputs are tried instead. With pushdown off
 * only scans (with their column lists) are placed, so all other work runs in Junction's engine.
 */
public final class FederationPlanner {
    private final boolean pushdown;
    private final ScanParallelism scanParallelism;
    private final Map<RelNode, Optional<Connector>> placements = new IdentityHashMap<>();
    /** Fragments by root: rendering and the split decision (which asks the source for the table size) happen once per query. */
    private final Map<RelNode, Optional<SourceFragment>> fragments = new IdentityHashMap<>();
    /** Joins the join ordering chose to run in Junction although one source could run them (see {@link JoinReordering}). */
    private final Set<RelNode> joinsKeptInJunction = Collections.newSetFromMap(new IdentityHashMap<>());

    /** A planner that reads every scan as one statement. */
    public FederationPlanner(boolean pushdown) {
        this(pushdown, 1);
    }

    /**
     * @param sourceParallelism most parts a large table scan is split into, read over as many connections (see
     *                          {@link ScanParallelism}); 1 reads every scan as one statement
     */
    public FederationPlanner(boolean pushdown, int sourceParallelism) {
        this.pushdown = pushdown;
        this.scanParallelism = new ScanParallelism(sourceParallelism);
    }

    public boolean pushdownEnabled() {
        return pushdown;
    }

    /**
     * Reorders the plan's trees of inner joins by estimated cost, in which the bytes fetched from the sources
     * dominate (see {@link JoinReordering}): tables of one source are joined next to each other so the source
     * can join them, unless that multiplies the bytes it sends. Call after {@link #splitFilters}, before planning
     * execution: the joins chosen to run in Junction are remembered by identity.
     */
    public RelNode orderJoins(RelNode root) {
        return root.accept(new JoinReordering(this));
    }

    /**
     * Pushes a partial aggregation into the source of one side of a join Junction runs, where that is exact and
     * the partial result is smaller (see {@link PartialAggregation}). Call after {@link #orderJoins}.
     */
    public RelNode pushPartialAggregates(RelNode root) {
        return pushdown ? root.accept(new PartialAggregation(this)) : root;
    }

    /** Keeps {@code join} in Junction: it is never placed at a source. */
    void keepInJunction(RelNode join) {
        joinsKeptInJunction.add(join);
        placements.remove(join);
    }

    /** Fails with UNSUPPORTED_TYPE when the plan reads a column whose source type has no mapping. */
    public void checkColumnsReadable(RelNode root) {
        root.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(org.apache.calcite.rel.logical.LogicalProject project) {
                if (project.getInput() instanceof TableScan scan) {
                    checkScan(scan, RelOptUtil.InputFinder.bits(project.getProjects(), null));
                    return project;
                }
                return super.visit(project);
            }

            @Override
            public RelNode visit(TableScan scan) {
                checkScan(scan, ImmutableBitSet.range(scan.getRowType().getFieldCount()));
                return scan;
            }
        });
    }

    private static void checkScan(TableScan scan, ImmutableBitSet used) {
        SourceTable table = scan.getTable().unwrap(SourceTable.class);
        if (table == null) {
            return;
        }
        for (int i : used) {
            ColumnMetadata c = table.metadata().columns().get(i);
            if (!c.isMapped()) {
                throw new JunctionException(ErrorCode.UNSUPPORTED_TYPE, "column " + c.name() + " of " + table.qualifiedName()
                        + " has source type " + c.sourceType() + ", which Junction cannot read yet; leave the column out of the query");
            }
        }
    }

    /** The source that will compute {@code node} as (part of) one fragment, if any. */
    public Optional<Connector> placement(RelNode node) {
        Optional<Connector> p = placements.get(node);
        if (p == null) {
            p = computePlacement(node);
            placements.put(node, p);
        }
        return p;
    }

    private Optional<Connector> computePlacement(RelNode node) {
        if (node instanceof TableScan scan) {
            SourceTable table = scan.getTable().unwrap(SourceTable.class);
            return table == null ? Optional.empty() : Optional.of(table.connector());
        }
        if (node instanceof Project project && project.getInput() instanceof TableScan && isColumnSelection(project)) {
            return placement(project.getInput());
        }
        if (!pushdown || !isPushableKind(node) || node.getInputs().isEmpty() || joinsKeptInJunction.contains(node)) {
            return Optional.empty();
        }
        if (node instanceof Aggregate aggregate && hasOrderedCall(aggregate)) {
            // Calcite's unparser writes STRING_AGG(x, sep ORDER BY k) as string_agg(x, sep, k), which no source accepts
            return Optional.empty();
        }
        Connector common = null;
        for (RelNode input : node.getInputs()) {
            Optional<Connector> c = placement(input);
            if (c.isEmpty() || (common != null && common != c.get()) || c.get().dialect().isEmpty()) {
                return Optional.empty();
            }
            common = c.get();
        }
        if (common == null || !PushdownCheck.canPush(node, common.dialect().orElseThrow())) {
            return Optional.empty();
        }
        return Optional.of(common);
    }

    /**
     * Splits each filter over a SQL source into the conjuncts the source can evaluate (pushed, as a
     * filter of their own right above the input) and the rest (kept in Junction above them), so one
     * unpushable predicate does not keep the others from reaching the source.
     */
    public RelNode splitFilters(RelNode root) {
        if (!pushdown) {
            return root;
        }
        return root.accept(new RelShuttleImpl() {
            @Override
            public RelNode visit(org.apache.calcite.rel.logical.LogicalFilter filter) {
                org.apache.calcite.rel.logical.LogicalFilter visited = (org.apache.calcite.rel.logical.LogicalFilter) super.visit(filter);
                RelNode input = visited.getInput();
                Optional<Connector> source = placement(input);
                if (source.isEmpty() || source.get().dialect().isEmpty()) {
                    return visited;
                }
                var dialect = source.get().dialect().get();
                List<RexNode> pushed = new ArrayList<>();
                List<RexNode> kept = new ArrayList<>();
                for (RexNode conjunct : RelOptUtil.conjunctions(visited.getCondition())) {
                    (PushdownCheck.canEvaluate(conjunct, input, dialect) ? pushed : kept).add(conjunct);
                }
                if (pushed.isEmpty() || kept.isEmpty()) {
                    return visited;
                }
                var rexBuilder = visited.getCluster().getRexBuilder();
                RelNode inner = visited.copy(visited.getTraitSet(), input, org.apache.calcite.rex.RexUtil.composeConjunction(rexBuilder, pushed));
                return visited.copy(visited.getTraitSet(), inner, org.apache.calcite.rex.RexUtil.composeConjunction(rexBuilder, kept));
            }
        });
    }

    private static boolean hasOrderedCall(Aggregate aggregate) {
        return aggregate.getAggCallList().stream().anyMatch(c -> !c.getCollation().getFieldCollations().isEmpty());
    }

    private static boolean isPushableKind(RelNode node) {
        return node instanceof Filter || node instanceof Project || node instanceof Join || node instanceof Aggregate
                || node instanceof Sort || node instanceof SetOp;
    }

    /** A projection of plain columns right above a table scan: the scan itself, as far as a source is concerned. */
    public static boolean isColumnSelectionOverScan(RelNode node) {
        return node instanceof Project p && p.getInput() instanceof TableScan && isColumnSelection(p);
    }

    private static boolean isColumnSelection(Project project) {
        for (RexNode e : project.getProjects()) {
            if (!(e instanceof RexInputRef)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The fragment rooted at {@code node} when the node is placed at a source and can be expressed as
     * work for it; empty when the node must run in Junction.
     */
    public Optional<SourceFragment> fragmentAt(RelNode node) {
        // asked more than once per node (a bind join re-checks its probe side): render and decide splits once
        Optional<SourceFragment> fragment = fragments.get(node);
        if (fragment == null) {
            fragment = computeFragment(node);
            fragments.put(node, fragment);
        }
        return fragment;
    }

    private Optional<SourceFragment> computeFragment(RelNode node) {
        Optional<Connector> placed = placement(node);
        if (placed.isEmpty()) {
            return Optional.empty();
        }
        Connector connector = placed.get();
        List<JunctionType> types = outputTypes(node);
        Optional<SourceDialect> dialect = connector.dialect();
        if (dialect.isPresent()) {
            Optional<SourceQuery.ParallelScan> split = scanParallelism.split(node, connector, dialect.get(), types);
            if (split.isPresent()) {
                return Optional.of(new SourceFragment(connector, split.get(), node));
            }
            try {
                String sql = FragmentSqlRenderer.render(node, dialect.get().calciteDialect());
                return Optional.of(new SourceFragment(connector, new SourceQuery.Sql(sql, types), node));
            } catch (RuntimeException e) {
                if (node instanceof TableScan) {
                    throw JunctionException.internal("cannot render a scan of " + node.getTable() + " for source " + connector.name(), e);
                }
                // this dialect cannot express the node: run it locally and push its inputs instead
                placements.put(node, Optional.empty());
                return Optional.empty();
            }
        }
        return scanFragment(node, connector, types);
    }

    private static Optional<SourceFragment> scanFragment(RelNode node, Connector connector, List<JunctionType> types) {
        TableScan scan;
        int[] columns;
        if (node instanceof TableScan s) {
            scan = s;
            columns = ImmutableBitSet.range(s.getRowType().getFieldCount()).toArray();
        } else if (node instanceof Project p && p.getInput() instanceof TableScan s) {
            scan = s;
            columns = p.getProjects().stream().mapToInt(e -> ((RexInputRef) e).getIndex()).toArray();
        } else {
            return Optional.empty();
        }
        SourceTable table = scan.getTable().unwrap(SourceTable.class);
        return Optional.of(new SourceFragment(connector, new SourceQuery.Scan(table.metadata(), columns, types), node));
    }

    public static List<JunctionType> outputTypes(RelNode node) {
        List<JunctionType> types = new ArrayList<>();
        for (RelDataTypeField f : node.getRowType().getFieldList()) {
            types.add(SqlTypeMapping.toJunctionType(f.getType()));
        }
        return types;
    }
}
