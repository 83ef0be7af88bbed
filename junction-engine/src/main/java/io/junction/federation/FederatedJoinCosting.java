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
 * work. Any two plans may instead be joined in Junction: the bytes their fragments move plus the hash join; where the
 * execution planner will make that join a bind join ({@link BindJoinChoice}), the larger side, one statement of a SQL
 * source, moves only its rows with the smaller side's keys, plus the keys shipped to it. Each join takes the cheaper
 * of the two, so a same-source join that multiplies rows (more bytes out than in) stays in
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
    private final RelMetadataQuery mq;
    private final Map<Long, Boolean> pushable = new HashMap<>();
    /** The cost of each set pushed as one statement (see {@link #pushed}). */
    private final Map<Long, Double> pushedCost = new HashMap<>();
    /** Distinct values of the graph fields asked about, null where Calcite does not know them. */
    private final Map<Integer, Double> distinctValuesKnown = new HashMap<>();
    private final Map<Connector, boolean[]> evaluable = new HashMap<>();

    /**
     * @param reducedAbove whether the graph's rows are aggregated or cut to a top-N right above it
     */
    FederatedJoinCosting(JoinGraph graph, FederationPlanner federation, RelMetadataQuery mq, boolean reducedAbove) {
        this.graph = graph;
        this.cardinality = new JoinCardinality(graph, mq);
        this.mq = mq;
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
        JoinPlan local = bindJoin(larger, smaller, rows);
        if (local == null) {
            double joinCost = graph.equiJoined(a.relations(), b.relations())
                    ? FederatedCostModel.hashJoin(a.rows(), b.rows(), rows)
                    : FederatedCostModel.nestedLoopJoin(a.rows(), b.rows(), rows);
            local = new JoinPlan(set, larger, smaller, rows, a.cost() + b.cost() + joinCost, false);
        }
        JoinPlan pushed = pushed(a, b);
        if (pushed == null) {
            return local;
        }
        boolean wholeReduced = pushWholeGraph && set == allRelations;
        return wholeReduced || pushed.cost() <= local.cost() ? pushed : local;
    }

    @Override
    public JoinPlan pushed(JoinPlan a, JoinPlan b) {
        long set = a.relations() | b.relations();
        if (!isPushable(set)) {
            return null;
        }
        double rows = cardinality.rows(set);
        JoinPlan larger = a.rows() >= b.rows() ? a : b;
        // the same for every split of the set, and asked for once per split and alternative: computed once
        double cost = pushedCost.computeIfAbsent(set,
                s -> FederatedCostModel.fragment(rows, width(graph.fieldsNeededAbove(s)), pushedSourceRows(s, rows)));
        return new JoinPlan(set, larger, larger == a ? b : a, rows, cost, true);
    }

    /**
     * The join in Junction of {@code probe} with the smaller {@code build} as the bind join the execution planner
     * will make of it, or null when it will make a plain hash join: the choice is {@link BindJoinChoice}'s, from this
     * costing's estimates, for a probe side that is one statement of a SQL source and a join on one key. The probe
     * side then costs only its rows with the build side's keys, plus the keys shipped, instead of its whole fetch.
     */
    private JoinPlan bindJoin(JoinPlan probe, JoinPlan build, double rows) {
        if (!pushdown || !isSqlStatement(probe)) {
            return null;
        }
        List<int[]> keys = graph.joinKeys(probe.relations(), build.relations());
        if (keys.size() != 1) {
            return null;
        }
        int probeField = keys.get(0)[0];
        int buildField = keys.get(0)[1];
        int probeRelation = graph.relationOf(probeField);
        if (!HashKeyTypes.compatible(SqlTypeMapping.toJunctionType(graph.fieldType(probeField)), SqlTypeMapping.toJunctionType(graph.fieldType(buildField)))
                || !BindJoinChoice.canShipKeys(graph.relation(probeRelation), probeField - graph.firstField(probeRelation))) {
            return null;
        }
        Double buildKeys = distinctValues(buildField, build.rows());
        Double probeKeys = distinctValues(probeField, probe.rows());
        if (!BindJoinChoice.pays(build.rows(), probe.rows(), buildKeys, probeKeys)) {
            return null;
        }
        double keysShipped = BindJoinChoice.keysShipped(build.rows(), buildKeys);
        double fetched = BindJoinChoice.rowsFetched(probe.rows(), rows, build.rows(), keysShipped);
        double probeCost = FederatedCostModel.boundFragment(fetched, fetchWidth(probe), sourceRows(probe), keysShipped);
        return new JoinPlan(probe.relations() | build.relations(), probe, build, rows,
                build.cost() + probeCost + FederatedCostModel.hashJoin(build.rows(), fetched, rows), false);
    }

    /** Whether {@code plan} is computed by one statement of a SQL source: a relation such a source computes, or a pushed join. */
    private boolean isSqlStatement(JoinPlan plan) {
        return plan.isRelation() ? sqlSources[Long.numberOfTrailingZeros(plan.relations())] != null : plan.pushed();
    }

    /** Bytes per row of what the statement computing {@code plan} returns (see {@link #relation} and {@link #join}). */
    private double fetchWidth(JoinPlan plan) {
        return width(plan.isRelation() ? graph.fieldsOf(plan.relations()) : graph.fieldsNeededAbove(plan.relations()));
    }

    /** Rows the source handles computing {@code plan} as one statement. */
    private double sourceRows(JoinPlan plan) {
        return plan.isRelation() ? relationSourceRows[Long.numberOfTrailingZeros(plan.relations())] : pushedSourceRows(plan.relations(), plan.rows());
    }

    /** Rows a source handles joining {@code relations} into {@code rows} rows: every relation's own and the result. */
    private double pushedSourceRows(long relations, double rows) {
        double sourceRows = rows;
        for (long rest = relations; rest != 0; rest &= rest - 1) {
            sourceRows += relationSourceRows[Long.numberOfTrailingZeros(rest)];
        }
        return sourceRows;
    }

    /**
     * Estimated distinct values of graph field {@code field} in a plan of {@code planRows} rows: those of its relation,
     * as Calcite estimates them, at most the plan's rows; null when unknown.
     */
    private Double distinctValues(int field, double planRows) {
        if (!distinctValuesKnown.containsKey(field)) {
            int relation = graph.relationOf(field);
            distinctValuesKnown.put(field, BindJoinChoice.distinctValues(graph.relation(relation), field - graph.firstField(relation), mq));
        }
        Double distinct = distinctValuesKnown.get(field);
        if (distinct == null) {
            return null;
        }
        return Math.min(distinct, planRows);
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
