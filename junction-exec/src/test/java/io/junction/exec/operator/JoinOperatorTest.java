package io.junction.exec.operator;

import io.junction.exec.expr.Expression;
import io.junction.exec.expr.ScalarFunction;
import io.junction.types.JunctionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.junction.exec.Rows.collect;
import static io.junction.exec.Rows.row;
import static io.junction.exec.Rows.values;
import static io.junction.exec.expr.Expressions.call;
import static io.junction.exec.expr.Expressions.column;
import static io.junction.exec.expr.Expressions.literal;
import static io.junction.types.JunctionType.BIGINT;
import static io.junction.types.JunctionType.BOOLEAN;
import static io.junction.types.JunctionType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class JoinOperatorTest {
    private static final List<JunctionType> TYPES = List.of(BIGINT, VARCHAR);

    // left: keys 1, 2, 2, NULL, 4; right: keys 2, 2, 3, NULL
    private static Operator left() {
        return values(TYPES, 2, List.of(row(1L, "l1"), row(2L, "l2a"), row(2L, "l2b"), row(null, "lnull"), row(4L, "l4")));
    }

    private static Operator right() {
        return values(TYPES, 3, List.of(row(2L, "r2a"), row(2L, "r2b"), row(3L, "r3"), row(null, "rnull")));
    }

    private static Operator hash(JoinType type, Expression residual) {
        return new HashJoinOperator(left(), right(), new int[] {0}, new int[] {0}, type, residual);
    }

    private static Operator nestedLoop(JoinType type) {
        Expression equal = call(ScalarFunction.EQUAL, BOOLEAN, List.of(column(0, BIGINT), column(2, BIGINT)));
        return new NestedLoopJoinOperator(left(), right(), type, equal);
    }

    private static final List<List<Object>> INNER = List.of(
            row(2L, "l2a", 2L, "r2a"), row(2L, "l2a", 2L, "r2b"), row(2L, "l2b", 2L, "r2a"), row(2L, "l2b", 2L, "r2b"));

    private static List<List<Object>> plus(List<List<Object>> rows, List<Object>... more) {
        List<List<Object>> all = new ArrayList<>(rows);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void innerJoinMatchesDuplicatesAndNeverNullKeys() {
        assertThat(collect(hash(JoinType.INNER, null))).containsExactlyInAnyOrderElementsOf(INNER);
        assertThat(collect(nestedLoop(JoinType.INNER))).containsExactlyInAnyOrderElementsOf(INNER);
    }

    @Test
    void leftJoinKeepsUnmatchedAndNullKeyRows() {
        List<List<Object>> expected = plus(INNER, row(1L, "l1", null, null), row(null, "lnull", null, null), row(4L, "l4", null, null));
        assertThat(collect(hash(JoinType.LEFT, null))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(collect(nestedLoop(JoinType.LEFT))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void rightAndFullJoinsEmitUnmatchedBuildRows() {
        List<List<Object>> right = plus(INNER, row(null, null, 3L, "r3"), row(null, null, null, "rnull"));
        assertThat(collect(hash(JoinType.RIGHT, null))).containsExactlyInAnyOrderElementsOf(right);
        assertThat(collect(nestedLoop(JoinType.RIGHT))).containsExactlyInAnyOrderElementsOf(right);
        List<List<Object>> full = plus(right, row(1L, "l1", null, null), row(null, "lnull", null, null), row(4L, "l4", null, null));
        assertThat(collect(hash(JoinType.FULL, null))).containsExactlyInAnyOrderElementsOf(full);
        assertThat(collect(nestedLoop(JoinType.FULL))).containsExactlyInAnyOrderElementsOf(full);
    }

    @Test
    void semiAndAntiJoinsOutputLeftColumnsOnce() {
        assertThat(collect(hash(JoinType.SEMI, null))).containsExactlyInAnyOrder(row(2L, "l2a"), row(2L, "l2b"));
        assertThat(collect(nestedLoop(JoinType.SEMI))).containsExactlyInAnyOrder(row(2L, "l2a"), row(2L, "l2b"));
        assertThat(collect(hash(JoinType.ANTI, null))).containsExactlyInAnyOrder(row(1L, "l1"), row(null, "lnull"), row(4L, "l4"));
        assertThat(collect(nestedLoop(JoinType.ANTI))).containsExactlyInAnyOrder(row(1L, "l1"), row(null, "lnull"), row(4L, "l4"));
        assertThat(hash(JoinType.SEMI, null).outputTypes()).containsExactly(BIGINT, VARCHAR);
    }

    @Test
    void rightSemiAndRightAntiJoinsOutputTheBuildRowsThatHaveOrLackAMatch() {
        // the left fixture builds here: a semi- or anti-join of it against the right fixture, with inputs exchanged
        Operator rightSemi = new HashJoinOperator(right(), left(), new int[] {0}, new int[] {0}, JoinType.RIGHT_SEMI, null);
        assertThat(rightSemi.outputTypes()).containsExactly(BIGINT, VARCHAR);
        assertThat(collect(rightSemi)).containsExactlyInAnyOrder(row(2L, "l2a"), row(2L, "l2b"));
        assertThat(collect(new HashJoinOperator(right(), left(), new int[] {0}, new int[] {0}, JoinType.RIGHT_ANTI, null)))
                .containsExactlyInAnyOrder(row(1L, "l1"), row(null, "lnull"), row(4L, "l4"));
        // a residual over (probe ++ build): only l2a counts as matched, by either of the two r2 rows
        Expression l2a = call(ScalarFunction.EQUAL, BOOLEAN, List.of(column(3, VARCHAR), literal("l2a", VARCHAR)));
        assertThat(collect(new HashJoinOperator(right(), left(), new int[] {0}, new int[] {0}, JoinType.RIGHT_SEMI, l2a)))
                .containsExactly(row(2L, "l2a"));
        assertThat(collect(new HashJoinOperator(right(), left(), new int[] {0}, new int[] {0}, JoinType.RIGHT_ANTI, l2a)))
                .containsExactlyInAnyOrder(row(1L, "l1"), row(2L, "l2b"), row(null, "lnull"), row(4L, "l4"));
        Expression nestedEqual = call(ScalarFunction.EQUAL, BOOLEAN, List.of(column(0, BIGINT), column(2, BIGINT)));
        assertThat(collect(new NestedLoopJoinOperator(right(), left(), JoinType.RIGHT_ANTI, nestedEqual)))
                .containsExactlyInAnyOrder(row(1L, "l1"), row(null, "lnull"), row(4L, "l4"));
    }

    @Test
    void rightSemiAndRightAntiJoinsWithKeysRepeatedOnBothSidesMatchNestedLoop() {
        // build keys 0-39, each on 75 rows across two chunks, some NULL; probe keys 0-29, each on 200 rows: every probe
        // row of a key after its first finds that key's build rows marked already
        for (JoinType type : List.of(JoinType.RIGHT_SEMI, JoinType.RIGHT_ANTI)) {
            List<List<Object>> expected = collect(new NestedLoopJoinOperator(keyedRows(6000, 30, 6001, 1000), keyedRows(3000, 40, 53, 700), type,
                    call(ScalarFunction.EQUAL, BOOLEAN, List.of(column(0, BIGINT), column(3, BIGINT)))));
            assertThat(expected).hasSizeGreaterThan(500);
            for (int key : new int[] {0, 1}) {
                assertThat(collect(new HashJoinOperator(keyedRows(6000, 30, 6001, 1000), keyedRows(3000, 40, 53, 700),
                        new int[] {key}, new int[] {key}, type, null))).as(type + " on column " + key).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    void residualDecidesWhichPairsJoin() {
        // l2a pairs only with r2b, l2b with nothing
        Expression pairs = call(ScalarFunction.EQUAL, BOOLEAN, List.of(
                call(ScalarFunction.SUBSTRING, VARCHAR, List.of(column(1, VARCHAR), literal(2L, BIGINT))),
                literal("2a", VARCHAR)));
        Expression both = call(ScalarFunction.AND, BOOLEAN, List.of(pairs,
                call(ScalarFunction.EQUAL, BOOLEAN, List.of(column(3, VARCHAR), literal("r2b", VARCHAR)))));
        assertThat(collect(hash(JoinType.INNER, both))).containsExactly(row(2L, "l2a", 2L, "r2b"));
        assertThat(collect(hash(JoinType.LEFT, both))).containsExactlyInAnyOrder(
                row(2L, "l2a", 2L, "r2b"), row(1L, "l1", null, null), row(2L, "l2b", null, null), row(null, "lnull", null, null), row(4L, "l4", null, null));
        assertThat(collect(hash(JoinType.SEMI, both))).containsExactly(row(2L, "l2a"));
        assertThat(collect(hash(JoinType.ANTI, both))).containsExactlyInAnyOrder(row(1L, "l1"), row(2L, "l2b"), row(null, "lnull"), row(4L, "l4"));
        assertThat(collect(hash(JoinType.FULL, both))).contains(row(null, null, 2L, "r2a"), row(null, null, 3L, "r3"));
    }

    @Test
    void explodingProbeBatchIsSplitIntoBoundedBatches() {
        List<List<Object>> leftRows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            leftRows.add(row(7L, "l" + i));
        }
        List<List<Object>> rightRows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rightRows.add(row(i % 2 == 0 ? 7L : 8L, "r" + i));
        }
        Operator join = new HashJoinOperator(values(TYPES, 10, leftRows), values(TYPES, 3, rightRows), new int[] {0}, new int[] {0}, JoinType.INNER, null);
        assertThat(collect(join)).hasSize(5000);
        Operator cross = new NestedLoopJoinOperator(values(TYPES, 10, leftRows), values(TYPES, 3, rightRows), JoinType.INNER, null);
        assertThat(collect(cross)).hasSize(10_000);
    }

    @Test
    void multiColumnKeysAndEmptySides() {
        List<JunctionType> types = List.of(VARCHAR, JunctionType.decimal(10, 2), BIGINT);
        Operator l = values(types, 2, List.of(row("a", new BigDecimal("1.50"), 1L), row("a", new BigDecimal("2.00"), 2L), row("b", null, 3L)));
        Operator r = values(types, 2, List.of(row("a", new BigDecimal("1.50"), 10L), row("b", null, 30L)));
        assertThat(collect(new HashJoinOperator(l, r, new int[] {0, 1}, new int[] {0, 1}, JoinType.INNER, null)))
                .containsExactly(row("a", new BigDecimal("1.50"), 1L, "a", new BigDecimal("1.50"), 10L));

        Operator emptyRight = values(TYPES, 2, List.of());
        assertThat(collect(new HashJoinOperator(left(), emptyRight, new int[] {0}, new int[] {0}, JoinType.LEFT, null))).hasSize(5);
        assertThat(collect(new HashJoinOperator(left(), values(TYPES, 2, List.of()), new int[] {0}, new int[] {0}, JoinType.INNER, null))).isEmpty();
        assertThat(collect(new HashJoinOperator(values(TYPES, 2, List.of()), right(), new int[] {0}, new int[] {0}, JoinType.FULL, null))).hasSize(4);
        assertThat(collect(new NestedLoopJoinOperator(left(), values(TYPES, 2, List.of()), JoinType.ANTI, null))).hasSize(5);
        assertThat(new HashJoinOperator(left(), right(), new int[] {0}, new int[] {0}, JoinType.INNER, null).describe())
                .isEqualTo("HashJoin[INNER, keys=[0=2]]");
    }

    /** Rows (k BIGINT, s VARCHAR = 'k' || k, payload BIGINT) where k repeats every {@code cycle} rows and every {@code nullEvery}th k is NULL. */
    private static Operator keyedRows(int count, int cycle, int nullEvery, int batchSize) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Long key = i % nullEvery == 0 ? null : (long) (i % cycle);
            rows.add(row(key, key == null ? null : "k" + key, (long) i));
        }
        return values(List.of(BIGINT, VARCHAR, BIGINT), batchSize, rows);
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void buildSideOfManyChunksMatchesNestedLoopOnLongAndTextKeys(JoinType type) {
        // 5000 build rows span three chunks; keys repeat up to three times, some probe keys have no match
        List<List<Object>> expected = collect(new NestedLoopJoinOperator(keyedRows(2000, 2500, 89, 500), keyedRows(5000, 1700, 97, 1024), type,
                call(ScalarFunction.EQUAL, BOOLEAN, List.of(column(0, BIGINT), column(3, BIGINT)))));
        assertThat(expected).hasSizeGreaterThan(100);
        List<List<Object>> byLong = collect(new HashJoinOperator(keyedRows(2000, 2500, 89, 500), keyedRows(5000, 1700, 97, 1024),
                new int[] {0}, new int[] {0}, type, null));
        List<List<Object>> byText = collect(new HashJoinOperator(keyedRows(2000, 2500, 89, 500), keyedRows(5000, 1700, 97, 1024),
                new int[] {1}, new int[] {1}, type, null));
        assertThat(byLong).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(byText).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(JoinType.class)
    void buildRowsWithSeveralInterleavedColumnsAndNullPayloadsMatchNestedLoop(JoinType type) {
        // build (k BIGINT, a BIGINT, s VARCHAR, b BIGINT): k, a and b are held row-wise; keys repeat across
        // the chunk boundaries of 4500 rows appended in batches of 333, and a and b have NULLs of their own
        List<JunctionType> types = List.of(BIGINT, BIGINT, VARCHAR, BIGINT);
        List<List<Object>> buildRows = new ArrayList<>();
        for (int i = 0; i < 4500; i++) {
            buildRows.add(row(i % 53 == 0 ? null : (long) (i % 1500), i % 3 == 0 ? null : (long) i, "b" + i, i % 4 == 0 ? null : (long) -i));
        }
        List<List<Object>> probeRows = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            probeRows.add(row(i % 61 == 0 ? null : (long) (i * 3), (long) i, "p" + i, (long) i));
        }
        Expression aBelowProbe = call(ScalarFunction.LESS_THAN, BOOLEAN, List.of(column(5, BIGINT), literal(4000L, BIGINT)));
        for (Expression residual : java.util.Arrays.asList(null, aBelowProbe)) {
            Expression equal = call(ScalarFunction.EQUAL, BOOLEAN, List.of(column(0, BIGINT), column(4, BIGINT)));
            Expression condition = residual == null ? equal : call(ScalarFunction.AND, BOOLEAN, List.of(equal, residual));
            List<List<Object>> expected = collect(new NestedLoopJoinOperator(values(types, 100, probeRows), values(types, 333, buildRows), type, condition));
            List<List<Object>> actual = collect(new HashJoinOperator(values(types, 100, probeRows), values(types, 333, buildRows),
                    new int[] {0}, new int[] {0}, type, residual));
            assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void matchesOfOneKeyComeInBuildInputOrder() {
        List<List<Object>> joined = collect(new HashJoinOperator(keyedRows(3, 1, 1000, 3), keyedRows(5000, 1, 1000, 700),
                new int[] {0}, new int[] {0}, JoinType.INNER, null));
        List<Object> payloads = joined.stream().filter(r -> r.get(2).equals(1L)).map(r -> r.get(5)).toList();
        assertThat(payloads).hasSize(4995).isSorted();
    }

    @Test
    void singleLongKeyProbeFindsEveryUniqueKeyAcrossManyBatches() {
        // 50,000 unique build keys (a permutation of 0..49,999, so runs of consecutive keys fill the table
        // densely) and 60,000 probe rows in full batches: keys 0..59,999 of which those below 50,000 match,
        // every 101st NULL; each probe row must find exactly its one build row, whatever slot run it is in
        int buildCount = 50_000;
        List<JunctionType> types = List.of(BIGINT, BIGINT);
        List<List<Object>> buildRows = new ArrayList<>();
        long[] buildRowOfKey = new long[buildCount];
        for (int i = 0; i < buildCount; i++) {
            long key = (i * 7919L) % buildCount;
            buildRows.add(row(key, (long) i));
            buildRowOfKey[(int) key] = i;
        }
        List<List<Object>> probeRows = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            Long key = i % 101 == 0 ? null : (long) i;
            probeRows.add(row(key, -1L - i));
            if (key != null && key < buildCount) {
                expected.add(row(key, -1L - i, key, buildRowOfKey[i]));
            }
        }
        Operator join = new HashJoinOperator(values(types, 2048, probeRows), values(types, 2048, buildRows),
                new int[] {0}, new int[] {0}, JoinType.INNER, null);
        assertThat(collect(join)).containsExactlyInAnyOrderElementsOf(expected);
        Operator anti = new HashJoinOperator(values(types, 2048, probeRows), values(types, 2048, buildRows),
                new int[] {0}, new int[] {0}, JoinType.ANTI, null);
        assertThat(collect(anti)).hasSize(probeRows.size() - expected.size());
    }
}
