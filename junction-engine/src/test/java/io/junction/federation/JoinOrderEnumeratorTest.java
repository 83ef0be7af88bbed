package io.junction.federation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join order enumerator against a textbook costing (a plan costs the rows of every join it computes), on
 * graphs small enough to check every left-deep order by brute force.
 */
class JoinOrderEnumeratorTest {
    /** Relations with row counts, and equality conditions between two of them with a selectivity. */
    private static final class TextbookCosting implements JoinCosting {
        private final double[] rows;
        private final List<long[]> conditions = new ArrayList<>();
        private final List<Double> selectivities = new ArrayList<>();

        TextbookCosting(double... rows) {
            this.rows = rows;
        }

        TextbookCosting condition(int a, int b, double selectivity) {
            conditions.add(new long[]{(1L << a) | (1L << b)});
            selectivities.add(selectivity);
            return this;
        }

        double rows(long set) {
            double product = 1;
            for (int r = 0; r < rows.length; r++) {
                if ((set & (1L << r)) != 0) {
                    product *= rows[r];
                }
            }
            for (int c = 0; c < conditions.size(); c++) {
                if ((conditions.get(c)[0] & ~set) == 0) {
                    product *= selectivities.get(c);
                }
            }
            return product;
        }

        @Override
        public int relationCount() {
            return rows.length;
        }

        @Override
        public JoinPlan relation(int relation) {
            return JoinPlan.relation(relation, rows[relation], 0, false);
        }

        @Override
        public JoinPlan join(JoinPlan a, JoinPlan b) {
            long set = a.relations() | b.relations();
            double out = rows(set);
            JoinPlan larger = a.rows() >= b.rows() ? a : b;
            return new JoinPlan(set, larger, larger == a ? b : a, out, a.cost() + b.cost() + out, false);
        }

        @Override
        public long[] conditionRelations() {
            return conditions.stream().mapToLong(c -> c[0]).toArray();
        }

        boolean connected(long a, long b) {
            for (long[] c : conditions) {
                if ((c[0] & a) != 0 && (c[0] & b) != 0 && (c[0] & ~(a | b)) == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void assertNoCrossProducts(JoinPlan plan, TextbookCosting costing) {
        if (plan.isRelation()) {
            return;
        }
        assertThat(costing.connected(plan.left().relations(), plan.right().relations())).as("cross product in %s", plan).isTrue();
        assertNoCrossProducts(plan.left(), costing);
        assertNoCrossProducts(plan.right(), costing);
    }

    /** The cheapest left-deep order without cross products, by trying every permutation. */
    private static double bestLeftDeepCost(TextbookCosting costing) {
        return bestLeftDeep(costing, 0, 0);
    }

    private static double bestLeftDeep(TextbookCosting costing, long joined, double cost) {
        int n = costing.relationCount();
        if (Long.bitCount(joined) == n) {
            return cost;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            long relation = 1L << r;
            if ((joined & relation) != 0 || (joined != 0 && !costing.connected(joined, relation))) {
                continue;
            }
            double step = joined == 0 ? 0 : costing.rows(joined | relation);
            best = Math.min(best, bestLeftDeep(costing, joined | relation, cost + step));
        }
        return best;
    }

    @Test
    void joinsTheSelectiveRelationsFirstInAChain() {
        // 0 - 1 - 2 - 3: 1 ⋈ 2 keeps a single row, every later join stays as small; starting with 0 ⋈ 1 makes 1000
        TextbookCosting costing = new TextbookCosting(1000, 1000, 10, 10)
                .condition(0, 1, 0.001).condition(1, 2, 0.0001).condition(2, 3, 0.1);
        JoinPlan plan = new JoinOrderEnumerator(costing).best();
        assertNoCrossProducts(plan, costing);
        assertThat(plan.toString()).contains("(1 ⋈ 2)");
        assertThat(plan.cost()).isEqualTo(3).isEqualTo(bestLeftDeepCost(costing));
    }

    @Test
    void dynamicProgrammingIsNeverWorseThanTheBestLeftDeepOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int n = 2 + random.nextInt(6);
            double[] rows = new double[n];
            for (int r = 0; r < n; r++) {
                rows[r] = 1 + random.nextInt(100_000);
            }
            TextbookCosting costing = new TextbookCosting(rows);
            for (int r = 1; r < n; r++) {
                // a random spanning tree keeps the graph connected; extra edges make cycles
                costing.condition(r, random.nextInt(r), 1.0 / (1 + random.nextInt(10_000)));
            }
            for (int extra = random.nextInt(3); extra > 0; extra--) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                if (a != b) {
                    costing.condition(a, b, random.nextDouble());
                }
            }
            JoinPlan plan = new JoinOrderEnumerator(costing).best();
            assertThat(Long.bitCount(plan.relations())).isEqualTo(n);
            assertNoCrossProducts(plan, costing);
            assertThat(plan.cost()).as("round %d: %s", round, plan).isLessThanOrEqualTo(bestLeftDeepCost(costing) * (1 + 1e-9));
        }
    }

    @Test
    void crossProductsOnlyJoinUnrelatedComponents() {
        // {0, 1} and {2, 3} share no condition: one cross product, at the top
        TextbookCosting costing = new TextbookCosting(100, 200, 300, 400).condition(0, 1, 0.01).condition(2, 3, 0.01);
        JoinPlan plan = new JoinOrderEnumerator(costing).best();
        assertThat(Long.bitCount(plan.relations())).isEqualTo(4);
        assertThat(costing.connected(plan.left().relations(), plan.right().relations())).isFalse();
        assertNoCrossProducts(plan.left(), costing);
        assertNoCrossProducts(plan.right(), costing);
    }

    @Test
    void manyRelationsArePlannedGreedilyWithoutCrossProducts() {
        int n = JoinOrderEnumerator.EXHAUSTIVE_LIMIT + 5;
        double[] rows = new double[n];
        for (int r = 0; r < n; r++) {
            rows[r] = 10 + 37 * r % 1000;
        }
        TextbookCosting costing = new TextbookCosting(rows);
        for (int r = 1; r < n; r++) {
            costing.condition(r - 1, r, 1.0 / (rows[r] + 1));
        }
        long start = System.nanoTime();
        JoinPlan plan = new JoinOrderEnumerator(costing).best();
        assertThat(System.nanoTime() - start).as("greedy planning is quick").isLessThan(2_000_000_000L);
        assertThat(Long.bitCount(plan.relations())).isEqualTo(n);
        assertNoCrossProducts(plan, costing);
    }

    @Test
    void tenRelationsArePlannedExhaustivelyInAMoment() {
        int n = JoinOrderEnumerator.EXHAUSTIVE_LIMIT;
        double[] rows = new double[n];
        java.util.Arrays.fill(rows, 1000);
        TextbookCosting costing = new TextbookCosting(rows);
        // a clique: the worst case for the number of connected splits
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                costing.condition(a, b, 0.01);
            }
        }
        long start = System.nanoTime();
        JoinPlan plan = new JoinOrderEnumerator(costing).best();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        assertThat(Long.bitCount(plan.relations())).isEqualTo(n);
    }
}
