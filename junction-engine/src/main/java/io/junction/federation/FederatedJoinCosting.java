package io.junction.federation;

import io.junction.connector.Connector;
import io.junction.connector.SourceDialect;
import io.junction.sql.SqlTypeMapping;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices the join plans of a {@link JoinGraph} by {@link FederatedCostModel}. A set of relations that all live in
 * one SQL source, joined by conditions that source evaluates exactly as Junction would ({@link PushdownCheck}), may
 * be pushed as one statement: it then costs the bytes of its output (the fields read above it) and a little source
 * work. Any two plans may instead be joined in Junction: the bytes their fragments move plus the hash join. Each
 * join takes the cheaper of the two, so a same-source join that multiplies rows (more bytes out than in) stays in
 * Junction; except that when the rows of the whole graph are reduced right above it (an aggregation, a top-N),
 * a graph a source can run entirely is pushed entirely, since then the source returns only the reduced rows.
 */
final class FederatedJoinCosting implements JoinCosting {
    private final JoinGraph graph;
    private final JoinCardinality cardinality;
    private final boolean pushdown;
    private final boolean pushWholeGraph;
    private final long allRelations;
    /** The SQL source each relation is computed in, null where Junction computes it or the source takes no SQL. */
    private final Connector[] sqlSources;
    private final boolean[] placed;
    private final double[] fieldWidths;
    /** Rows the source handles to compute each relation (every node of its subtree). */
    private final double[] relationSourceRows;
    private final Map<Long, Boolean> pushable = new HashMap<>();
    private final Map<Connector, boolean[]> evaluable = new HashMap<>();

    /**
     * @param reducedAbove whether the graph's rows are aggregated or cut to a top-N right above it
     */
    FederatedJoinCosting(JoinGraph graph, FederationPlanner federation, RelMetadataQuery mq, boolean reducedAbove) {
        this.graph = graph;
        this.cardinality = new JoinCardinality(graph, mq);
        this.pushdown = federation.pushdownEnabled();
        this.pushWholeGraph = reducedAbove;
        int n = graph.relationCount();
        this.allRelations = n == 64 ? -1L : (1L << n) - 1;
        this.sqlSources = new Connector[n];
        this.placed = new boolean[n];
        this.relationSourceRows = new double[n];
        for (int r = 0; r < n; r++) {
            relationSourceRows[r] = FederatedCostModel.subtreeRows(graph.relation(r), mq);
            var source = federation.placement(graph.relation(r));
            placed[r] = source.isPresent();
            sqlSources[r] = source.filter(c -> c.dialect().isPresent()).orElse(null);
        }
        this.fieldWidths = new double[graph.fieldCount()];
        for (int f = 0; f < fieldWidths.length; f++) {
            fieldWidths[f] = ValueWidths.estimatedWidth(SqlTypeMapping.toJunctionType(graph.fieldType(f)));
        }
    }

    @Override
    public int relationCount() {
        return graph.relationCount();
    }

    @Override
    public long[] conditionRelations() {
        return graph.predicateRelations();
    }

    /** A relation a source computes costs its fetch; one Junction computes costs the same in every plan, so nothing. */
    @Override
    public JoinPlan relation(int relation) {
        double rows = cardinality.relationRows(relation);
        long set = 1L << relation;
        double cost = placed[relation] ? FederatedCostModel.fragment(rows, width(graph.fieldsOf(set)), relationSourceRows[relation]) : 0;
        return JoinPlan.relation(relation, rows, cost, placed[relation]);
    }

    @Override
    public JoinPlan join(JoinPlan a, JoinPlan b) {
        long set = a.relations() | b.relations();
        double rows = cardinality.rows(set);
        JoinPlan larger = a.rows() >= b.rows() ? a : b;
        JoinPlan smaller = larger == a ? b : a;
        double joinCost = graph.equiJoined(a.relations(), b.relations())
                ? FederatedCostModel.hashJoin(a.rows(), b.rows(), rows)
                : FederatedCostModel.nestedLoopJoin(a.rows(), b.rows(), rows);
        JoinPlan local = new JoinPlan(set, larger, smaller, rows, a.cost() + b.cost() + joinCost, false);
        if (!isPushable(set)) {
            return local;
        }
        double sourceRows = rows;
        for (long rest = set; rest != 0; rest &= rest - 1) {
            sourceRows += relationSourceRows[Long.numberOfTrailingZeros(rest)];
        }
        JoinPlan pushed = new JoinPlan(set, larger, smaller, rows,
                FederatedCostModel.fragment(rows, width(graph.fieldsNeededAbove(set)), sourceRows), true);
        boolean wholeReduced = pushWholeGraph && set == allRelations;
        return wholeReduced || pushed.cost() <= local.cost() ? pushed : local;
    }

    private double width(ImmutableBitSet fields) {
        double width = 0;
        for (int f : fields) {
            width += fieldWidths[f];
        }
        return Math.max(1, width);
    }

    /** Whether one SQL source holds all of {@code relations} and evaluates every condition among them. */
    private boolean isPushable(long relations) {
        return pushable.computeIfAbsent(relations, set -> {
            if (!pushdown) {
                return false;
            }
            Connector source = null;
            for (long rest = set; rest != 0; rest &= rest - 1) {
                Connector c = sqlSources[Long.numberOfTrailingZeros(rest)];
                if (c == null || (source != null && c != source)) {
                    return false;
                }
                source = c;
            }
            boolean[] evaluable = evaluableBy(source);
            for (int p = 0; p < evaluable.length; p++) {
                if ((graph.predicateRelations(p) & ~set) == 0 && !evaluable[p]) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Which predicates {@code source} evaluates exactly as Junction would; asked once per source, not per set. */
    private boolean[] evaluableBy(Connector source) {
        return evaluable.computeIfAbsent(source, c -> {
            SourceDialect dialect = c.dialect().orElseThrow();
            List<RexNode> predicates = graph.predicates();
            boolean[] result = new boolean[predicates.size()];
            for (int p = 0; p < result.length; p++) {
                result[p] = PushdownCheck.canEvaluate(predicates.get(p), graph.relations(), dialect);
            }
            return result;
        });
    }
}
