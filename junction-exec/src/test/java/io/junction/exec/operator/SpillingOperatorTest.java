package io.junction.exec.operator;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.ExecutionContext;
import io.junction.exec.expr.Expression;
import io.junction.exec.expr.ScalarFunction;
import io.junction.exec.memory.MemoryBudget;
import io.junction.exec.memory.MemoryPool;
import io.junction.exec.spill.SpillSpace;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.junction.exec.Rows.collect;
import static io.junction.exec.Rows.row;
import static io.junction.exec.Rows.values;
import static io.junction.exec.expr.Expressions.call;
import static io.junction.exec.expr.Expressions.column;
import static io.junction.types.JunctionType.BIGINT;
import static io.junction.types.JunctionType.BOOLEAN;
import static io.junction.types.JunctionType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spilling operators return exactly what the in-memory ones return: with spilling forced at the first
 * batch, and with a zero threshold that repartitions down to the last level. Inputs have NULL keys,
 * duplicate keys, one heavily skewed key and many small batches. Every test also checks that no spill
 * file is left behind.
 */
class SpillingOperatorTest {
    private static final JunctionType AMOUNT = JunctionType.decimal(12, 2);
    private static final List<JunctionType> TYPES = List.of(BIGINT, VARCHAR, AMOUNT);

    @TempDir
    Path tmp;
    private final List<ExecutionContext> contexts = new ArrayList<>();
    private final List<SpillSpace> spaces = new ArrayList<>();

    @AfterEach
    void noFileLeft() throws Exception {
        for (SpillSpace space : spaces) {
            // operators delete their files at close; the query's directory goes at the end of the query
            if (Files.exists(space.base())) {
                try (Stream<Path> files = Files.walk(space.base())) {
                    assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
                }
            }
        }
        for (ExecutionContext c : contexts) {
            c.close();
            assertThat(c.memory().reserved()).isZero();
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    private enum Mode {
        /** Spills at the first batch, with no memory pressure. */
        FORCED,
        /** A zero threshold: every partition repartitions until the last level, then is held in memory. */
        ZERO_THRESHOLD
    }

    private ExecutionContext context(Mode mode) {
        return context(mode == Mode.FORCED ? Long.MAX_VALUE : 0, mode == Mode.FORCED, () -> { });
    }

    private ExecutionContext context(long threshold, boolean force, Runnable cancellation) {
        SpillSpace space = new SpillSpace(tmp.resolve("spill"));
        spaces.add(space);
        ExecutionContext c = new ExecutionContext(new MemoryBudget(threshold, 1L << 40, new MemoryPool(1L << 41)), space, cancellation, force);
        contexts.add(c);
        return c;
    }

    /** Keys 0..49 with key 7 on a third of the rows, every 17th key NULL; text and decimal payloads. */
    private static List<List<Object>> rows(int count, long seed) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Long key = i % 17 == 0 ? null : random.nextInt(3) == 0 ? 7L : (long) random.nextInt(50);
            rows.add(row(key, i % 13 == 0 ? null : "v" + random.nextInt(40) + "✓", i % 11 == 0 ? null : BigDecimal.valueOf(random.nextInt(100_000) - 20_000, 2)));
        }
        return rows;
    }

    /** Same rows with the same multiplicities, in any order (linear, for outputs of many thousand rows). */
    private static void assertSameRows(List<List<Object>> actual, List<List<Object>> expected, String what) {
        Map<List<Object>, Integer> counts = new HashMap<>();
        for (List<Object> r : expected) {
            counts.merge(r, 1, Integer::sum);
        }
        Map<List<Object>, Integer> actualCounts = new HashMap<>();
        for (List<Object> r : actual) {
            actualCounts.merge(r, 1, Integer::sum);
        }
        assertThat(actualCounts).as(what).isEqualTo(counts);
        assertThat(actual).as(what).hasSameSizeAs(expected);
    }

    private static Operator input(List<List<Object>> rows) {
        return values(TYPES, 97, rows);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void hashJoinOfEveryTypeMatchesInMemory(Mode mode) {
        List<List<Object>> left = rows(400, 1);
        List<List<Object>> right = rows(250, 2);
        Expression residual = call(ScalarFunction.NOT_EQUAL, BOOLEAN, List.of(column(1, VARCHAR), column(4, VARCHAR)));
        for (JoinType type : JoinType.values()) {
            for (Expression condition : java.util.Arrays.asList(null, residual)) {
                List<List<Object>> expected = collect(new HashJoinOperator(input(left), input(right), new int[] {0}, new int[] {0}, type, condition));
                List<List<Object>> actual = collect(new HashJoinOperator(input(left), input(right), new int[] {0}, new int[] {0}, type, condition,
                        context(mode)));
                assertSameRows(actual, expected, type + " join, condition " + condition);
                assertThat(expected).isNotEmpty();
            }
        }
        assertThat(spaces.getFirst().filesCreated()).isPositive();
    }

    @Test
    void hashJoinOnTwoKeysWithAnEmptySide() {
        List<List<Object>> left = rows(800, 3);
        for (JoinType type : JoinType.values()) {
            List<List<Object>> expected = collect(new HashJoinOperator(input(left), input(List.of()), new int[] {0, 1}, new int[] {0, 1}, type, null));
            List<List<Object>> actual = collect(new HashJoinOperator(input(left), input(List.of()), new int[] {0, 1}, new int[] {0, 1}, type, null,
                    context(Mode.ZERO_THRESHOLD)));
            assertSameRows(actual, expected, type.name());
            List<List<Object>> both = collect(new HashJoinOperator(input(left), input(rows(600, 4)), new int[] {0, 1}, new int[] {0, 1}, type, null,
                    context(Mode.FORCED)));
            assertSameRows(both, collect(new HashJoinOperator(input(left), input(rows(600, 4)), new int[] {0, 1}, new int[] {0, 1}, type, null)),
                    type.name());
        }
    }

    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall(AggregateFunction.COUNT_STAR, -1, false, BIGINT),
            new AggregateCall(AggregateFunction.COUNT, 1, true, BIGINT),
            new AggregateCall(AggregateFunction.SUM, 2, false, JunctionType.decimal(38, 2)),
            new AggregateCall(AggregateFunction.AVG, 2, false, JunctionType.decimal(38, 6)),
            new AggregateCall(AggregateFunction.MIN, 1, false, VARCHAR),
            new AggregateCall(AggregateFunction.MAX, 2, false, AMOUNT));

    @ParameterizedTest
    @EnumSource(Mode.class)
    void hashAggregateMatchesInMemory(Mode mode) {
        List<List<Object>> rows = rows(2500, 5);
        for (int[] groups : new int[][] {{0}, {1}, {0, 1}, {}}) {
            List<List<Object>> expected = collect(new HashAggregateOperator(input(rows), groups, CALLS));
            List<List<Object>> actual = collect(new HashAggregateOperator(input(rows), groups, CALLS, context(mode)));
            assertSameRows(actual, expected, "groups " + java.util.Arrays.toString(groups));
        }
        List<List<Object>> distinct = collect(new HashAggregateOperator(input(rows), new int[] {0, 1, 2}, List.of(), context(mode)));
        assertSameRows(distinct, collect(new HashAggregateOperator(input(rows), new int[] {0, 1, 2}, List.of())), "distinct");
        assertThat(spaces.getFirst().filesCreated()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sortMatchesInMemoryExactlyIncludingTieOrder(Mode mode) {
        // 3600 rows in batches of 97: 38 runs, so more than one merge pass
        List<List<Object>> rows = rows(2400, 6);
        rows.addAll(rows(1200, 7));
        for (List<SortKey> keys : List.of(
                List.of(new SortKey(0, true, false)),
                List.of(new SortKey(0, false, true), new SortKey(2, true, true)),
                List.of(new SortKey(1, true, false), new SortKey(2, false, false)))) {
            List<List<Object>> expected = collect(new SortOperator(input(rows), keys));
            List<List<Object>> actual = collect(new SortOperator(input(rows), keys, context(mode)));
            assertThat(actual).as("keys %s", keys).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void earlyCloseDeletesSpillFiles() {
        List<List<Object>> rows = rows(2000, 8);
        List<Function<ExecutionContext, Operator>> operators = List.of(
                c -> new SortOperator(input(rows), List.of(new SortKey(1, true, true)), c),
                c -> new HashAggregateOperator(input(rows), new int[] {1, 2}, CALLS, c),
                c -> new HashJoinOperator(input(rows), input(rows(1000, 9)), new int[] {0}, new int[] {0}, JoinType.FULL, null, c));
        for (var make : operators) {
            Operator op = make.apply(context(Mode.ZERO_THRESHOLD));
            Batch first = op.next();
            assertThat(first).isNotNull();
            op.close();
        }
    }

    @Test
    void cancellationStopsSpillingOperatorsAndRemovesTheirFiles() {
        List<List<Object>> rows = rows(4000, 10);
        AtomicInteger checks = new AtomicInteger();
        Runnable cancelAfter30Checks = () -> {
            if (checks.incrementAndGet() > 30) {
                throw new JunctionException(ErrorCode.QUERY_CANCELED, "the query was cancelled");
            }
        };
        List<Function<ExecutionContext, Operator>> operators = List.of(
                c -> new SortOperator(input(rows), List.of(new SortKey(2, true, true)), c),
                c -> new HashAggregateOperator(input(rows), new int[] {1}, CALLS, c),
                c -> new HashJoinOperator(input(rows), input(rows(3000, 11)), new int[] {0}, new int[] {0}, JoinType.LEFT, null, c));
        for (var make : operators) {
            checks.set(0);
            ExecutionContext c = context(0, true, cancelAfter30Checks);
            Operator op = make.apply(c);
            assertThatThrownBy(() -> {
                while (op.next() != null) {
                    // drain until the cancellation fires
                }
            }).isInstanceOf(JunctionException.class).extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.QUERY_CANCELED);
            op.close();
            assertThat(c.spillSpace().filesCreated()).isPositive();
        }
    }

    @Test
    void buildSideOverTheHardLimitFailsWithOutOfMemory() {
        ExecutionContext c = new ExecutionContext(new MemoryBudget(10_000, 50_000, new MemoryPool(1L << 30)), null, () -> { }, false);
        contexts.add(c);
        Operator join = new HashJoinOperator(input(rows(100, 1)), input(rows(5000, 2)), new int[] {0}, new int[] {0}, JoinType.INNER, null, c);
        assertThatThrownBy(join::next).isInstanceOfSatisfying(JunctionException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_MEMORY);
            assertThat(e.sqlState()).isEqualTo("53200");
            assertThat(e.getMessage()).startsWith("query needs more than 48 KB in HashJoin build side; raise the memory limit");
        });
        join.close();
        Operator nested = new NestedLoopJoinOperator(input(rows(10, 1)), input(rows(5000, 2)), JoinType.INNER, null, c);
        assertThatThrownBy(nested::next).isInstanceOfSatisfying(JunctionException.class,
                e -> assertThat(e.getMessage()).contains("NestedLoopJoin build side"));
        nested.close();
        assertThat(c.memory().reserved()).isZero();
    }

    @Test
    void sharedPoolLimitsQueriesTogether() {
        MemoryPool pool = new MemoryPool(1_000_000);
        ExecutionContext first = new ExecutionContext(new MemoryBudget(1L << 30, 1L << 30, pool), null, () -> { }, false);
        ExecutionContext second = new ExecutionContext(new MemoryBudget(1L << 30, 1L << 30, pool), null, () -> { }, false);
        contexts.add(first);
        contexts.add(second);
        var held = first.memory().reservation("test");
        held.grow(990_000);
        Operator sort = new SortOperator(input(rows(2000, 3)), List.of(new SortKey(0, true, true)), second);
        assertThatThrownBy(sort::next).isInstanceOfSatisfying(JunctionException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_MEMORY);
            assertThat(e.getMessage()).contains("queries running together").contains("Sort");
        });
        sort.close();
        held.release();
        assertThat(pool.reserved()).isZero();
        assertThat(collect(new SortOperator(input(rows(2000, 3)), List.of(new SortKey(0, true, true)), second))).hasSize(2000);
        assertThat(second.memory().peak()).isBetween(2000L * 24, 2000L * 200);
        assertThat(pool.reserved()).isZero();
    }

    @Test
    void hashAggregateReservesItsResultWhileItsStateIsStillHeld() {
        ExecutionContext c = new ExecutionContext(new MemoryBudget(1L << 30, 1L << 30, new MemoryPool(1L << 30)), null, () -> { }, false);
        contexts.add(c);
        int groups = 10_000;
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 2 * groups; i++) {
            rows.add(row((long) (i % groups), "v", BigDecimal.ONE));
        }
        Operator aggregate = new HashAggregateOperator(input(rows), new int[] {0}, List.of(
                new AggregateCall(AggregateFunction.COUNT_STAR, -1, false, BIGINT),
                new AggregateCall(AggregateFunction.COUNT, 1, false, BIGINT)), c);
        assertThat(aggregate.next().rowCount()).isPositive();
        // while the result is emitted, what is held is the result: three columns of 8 bytes a group (and at most a
        // null bitmap each), no longer the table and the counts it was built from
        assertThat(c.memory().reserved()).isBetween(groups * 24L, groups * 24L + 3 * (groups / 8 + 8));
        // at the peak it held the groups' keys and two counts (8 bytes each at least) and the result built from them
        assertThat(c.memory().peak()).isGreaterThanOrEqualTo(groups * (3 * 8L + 2 * 8L));
        assertThat(collect(aggregate)).hasSize(groups - 2048);
        assertThat(c.memory().reserved()).isZero();
    }

    @Test
    void topNReservesItsBufferAndReleasesIt() {
        ExecutionContext c = new ExecutionContext(new MemoryBudget(1L << 30, 1L << 30, new MemoryPool(1L << 30)), null, () -> { }, false);
        contexts.add(c);
        List<List<Object>> top = collect(new TopNOperator(input(rows(5000, 12)), List.of(new SortKey(2, false, false)), 10, c));
        assertThat(top).hasSize(10);
        assertThat(c.memory().peak()).isPositive();
        assertThat(c.memory().reserved()).isZero();
    }

    @Test
    void topNWithALimitPastTheSpillThresholdSortsWithSpilling() {
        List<List<Object>> rows = rows(3000, 9);
        List<SortKey> keys = List.of(new SortKey(0, false, true), new SortKey(2, true, false));
        ExecutionContext c = context(20_000, false, () -> { });
        List<List<Object>> expected = collect(new LimitOperator(new SortOperator(input(rows), keys), 0, 2500));
        List<List<Object>> actual = collect(new TopNOperator(input(rows), keys, 2500, c));
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(spaces.getFirst().filesCreated()).isPositive();
        // a small limit stays in memory under the same threshold
        List<List<Object>> top = collect(new TopNOperator(input(rows), keys, 5, c));
        assertThat(top).containsExactlyElementsOf(expected.subList(0, 5));
    }

    @Test
    void topNOverTheHardLimitFailsWithOutOfMemory() {
        ExecutionContext c = new ExecutionContext(new MemoryBudget(10_000, 50_000, new MemoryPool(1L << 30)), null, () -> { }, false);
        contexts.add(c);
        Operator topN = new TopNOperator(input(rows(5000, 10)), List.of(new SortKey(0, true, true)), 1_000_000, c);
        assertThatThrownBy(topN::next).isInstanceOfSatisfying(JunctionException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_MEMORY);
            assertThat(e.getMessage()).contains("in TopN");
        });
        topN.close();
        assertThat(c.memory().reserved()).isZero();
    }
}
