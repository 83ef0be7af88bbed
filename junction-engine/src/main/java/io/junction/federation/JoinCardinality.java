package io.junction.federation;

import io.junction.sql.ColumnDomains;
import io.junction.sql.NullFractions;
import io.junction.sql.SelectivityGuess;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimated rows of joining any set of a {@link JoinGraph}'s relations: the product of the relations' rows
 * (Calcite's estimates, which follow the sources' statistics) and of the selectivity of every predicate that reads
 * only relations of the set. The estimate does not depend on the order of the joins, as the enumerator requires.
 *
 * <p>Equalities between the columns of two relations are taken together, as one (possibly composite) key: joining
 * R and S on it keeps {@code 1 / max(ndv(R's key), ndv(S's key))} of the pairs (each value of the key with fewer
 * values finds its matches among the other's), times the fraction of each key column that is not NULL, since NULL
 * keys never match. An equality implied by others among the set (see {@link JoinGraph}) is not counted again.
 * Where only one side of a one-column key has a distinct count, the other is taken as a foreign key over that side's
 * whole column ({@link ColumnDomains}: nations' region keys meet the one region a filter left in a fifth of the
 * nations, not in all of them). Without distinct counts, and for every other predicate, the selectivity is Calcite's
 * guess.
 */
final class JoinCardinality {
    /** A predicate and the fraction of rows it keeps. */
    private record Factor(long relations, double selectivity) {
    }

    /** Calcite's guess for an equality it knows nothing about. */
    private static final double EQUALITY_GUESS = 0.15;

    private final JoinGraph graph;
    private final RelMetadataQuery mq;
    private final double[] relationRows;
    /** Predicates other than equalities of two relations' fields, each on its own. */
    private final List<Factor> factors = new ArrayList<>();
    /** Indexes of the predicates equating fields of two relations, the query's own first, implied ones after. */
    private final List<Integer> equalities = new ArrayList<>();
    private final Map<Long, Double> rows = new HashMap<>();
    private final Map<List<Integer>, Double> keySelectivities = new HashMap<>();

    JoinCardinality(JoinGraph graph, RelMetadataQuery mq) {
        this.graph = graph;
        this.mq = mq;
        relationRows = new double[graph.relationCount()];
        for (int r = 0; r < relationRows.length; r++) {
            relationRows[r] = FederatedCostModel.rows(graph.relation(r), mq);
        }
        List<RexNode> predicates = graph.predicates();
        for (int p = 0; p < predicates.size(); p++) {
            int[] fields = JoinGraph.equalityFields(predicates.get(p));
            if (fields != null && graph.relationOf(fields[0]) != graph.relationOf(fields[1])) {
                equalities.add(p);
            } else {
                factors.add(new Factor(graph.predicateRelations(p), SelectivityGuess.of(predicates.get(p))));
            }
        }
    }

    /**
     * The selectivity of the equalities among {@code relations}: those that follow from others already counted
     * (equating fields already equal through other equalities) are skipped, and the rest are grouped by the pair of
     * relations they join, each group one key.
     */
    private double equalitySelectivity(long relations) {
        FieldEquivalences equal = new FieldEquivalences(graph.fieldCount());
        Map<Long, List<Integer>> keysByPair = new LinkedHashMap<>();
        for (int p : equalities) {
            if ((graph.predicateRelations(p) & ~relations) != 0) {
                continue;
            }
            int[] fields = JoinGraph.equalityFields(graph.predicates().get(p));
            if (equal.merge(fields[0], fields[1])) {
                keysByPair.computeIfAbsent(graph.predicateRelations(p), k -> new ArrayList<>()).add(p);
            }
        }
        double selectivity = 1;
        for (List<Integer> keys : keysByPair.values()) {
            selectivity *= keySelectivities.computeIfAbsent(keys, this::keySelectivity);
        }
        return selectivity;
    }


    /** The selectivity of equalities {@code predicates} (indexes), all between the same two relations, as one key. */
    private double keySelectivity(List<Integer> predicates) {
        List<int[]> keys = predicates.stream().map(p -> JoinGraph.equalityFields(graph.predicates().get(p))).toList();
        int relationA = graph.relationOf(keys.get(0)[0]);
        ImmutableBitSet.Builder keyA = ImmutableBitSet.builder();
        ImmutableBitSet.Builder keyB = ImmutableBitSet.builder();
        double nonNull = 1;
        for (int[] key : keys) {
            int a = graph.relationOf(key[0]) == relationA ? key[0] : key[1];
            int b = a == key[0] ? key[1] : key[0];
            int localA = a - graph.firstField(relationA);
            int relationB = graph.relationOf(b);
            int localB = b - graph.firstField(relationB);
            keyA.set(localA);
            keyB.set(localB);
            nonNull *= NullFractions.nonNull(graph.relation(relationA), localA, mq)
                    * NullFractions.nonNull(graph.relation(relationB), localB, mq);
        }
        int relationB = graph.relationOf(keys.get(0)[0]) == relationA ? graph.relationOf(keys.get(0)[1]) : graph.relationOf(keys.get(0)[0]);
        ImmutableBitSet fieldsA = keyA.build();
        ImmutableBitSet fieldsB = keyB.build();
        Double distinctA = distinct(graph.relation(relationA), fieldsA, relationRows[relationA], mq);
        Double distinctB = distinct(graph.relation(relationB), fieldsB, relationRows[relationB], mq);
        Double keyValues = ColumnDomains.forJoinKey(graph.relation(relationA), fieldsA.asList(), distinctA,
                graph.relation(relationB), fieldsB.asList(), distinctB, mq);
        return keyValues == null ? Math.pow(EQUALITY_GUESS, keys.size()) * nonNull : nonNull / keyValues;
    }

    private static Double distinct(RelNode rel, ImmutableBitSet key, double rows, RelMetadataQuery mq) {
        Double distinct = mq.getDistinctRowCount(rel, key, null);
        return distinct == null ? null : Math.min(distinct, rows);
    }

    double relationRows(int relation) {
        return relationRows[relation];
    }

    /** Estimated rows of joining {@code relations}, at least 1. */
    double rows(long relations) {
        return rows.computeIfAbsent(relations, set -> {
            double product = 1;
            for (long rest = set; rest != 0; rest &= rest - 1) {
                product *= relationRows[Long.numberOfTrailingZeros(rest)];
            }
            for (Factor factor : factors) {
                if ((factor.relations() & ~set) == 0) {
                    product *= factor.selectivity();
                }
            }
            product *= equalitySelectivity(set);
            return Math.max(1, product);
        });
    }
}
