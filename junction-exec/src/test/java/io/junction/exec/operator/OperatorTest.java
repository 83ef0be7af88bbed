package io.junction.exec.operator;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.expr.Expression;
import io.junction.exec.expr.ScalarFunction;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorTest {
    private static List<List<Object>> numbers(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            rows.add(row(i, i % 2 == 0 ? null : "v" + i));
        }
        return rows;
    }

    @Test
    void filterKeepsOnlyTrueRowsAndNeverReturnsEmptyBatches() {
        Operator input = values(List.of(BIGINT, VARCHAR), 3, numbers(10));
        Expression bigger = call(ScalarFunction.GREATER_THAN, BOOLEAN, List.of(column(0, BIGINT), literal(6L, BIGINT)));
        Expression notNull = call(ScalarFunction.IS_NOT_NULL, BOOLEAN, List.of(column(1, VARCHAR)));
        // rows 0..6 make whole batches fail; NULL predicates drop rows too
        Expression predicate = call(ScalarFunction.AND, BOOLEAN, List.of(bigger, call(ScalarFunction.EQUAL, BOOLEAN,
                List.of(notNull, literal(true, BOOLEAN)))));
        assertThat(collect(new FilterOperator(input, predicate))).containsExactly(row(7L, "v7"), row(9L, "v9"));
        Expression nullPredicate = call(ScalarFunction.EQUAL, BOOLEAN, List.of(column(1, VARCHAR), literal("v3", VARCHAR)));
        assertThat(collect(new FilterOperator(values(List.of(BIGINT, VARCHAR), 3, numbers(10)), nullPredicate))).containsExactly(row(3L, "v3"));
    }

    @Test
    void projectOverFilterReadsThroughThePassingPositionsWithTheSameResults() {
        // a BIGINT, b BIGINT (NULL every 5th row), n INTEGER
        List<JunctionType> types = List.of(BIGINT, BIGINT, JunctionType.INTEGER);
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 50; i++) {
            rows.add(row(i, i % 5 == 0 ? null : i * 100, (int) i));
        }
        Expression odd = call(ScalarFunction.EQUAL, BOOLEAN, List.of(call(ScalarFunction.MOD, BIGINT, List.of(column(0, BIGINT), literal(2L, BIGINT))),
                literal(1L, BIGINT)));
        List<Expression> projections = List.of(
                column(2, JunctionType.INTEGER),
                literal(7L, BIGINT),
                call(ScalarFunction.PLUS, BIGINT, List.of(column(0, BIGINT), column(0, BIGINT))),
                call(ScalarFunction.TIMES, BIGINT, List.of(literal(3L, BIGINT), column(0, BIGINT))),
                call(ScalarFunction.MINUS, BIGINT, List.of(column(0, BIGINT), column(1, BIGINT))),
                call(ScalarFunction.PLUS, JunctionType.INTEGER, List.of(column(2, JunctionType.INTEGER), literal(1, JunctionType.INTEGER))));
        List<List<Object>> fused = collect(new ProjectOperator(new FilterOperator(values(types, 8, rows), odd), projections));
        // the same filter behind an operator that is not a filter makes the projection evaluate gathered batches
        List<List<Object>> gathered = collect(new ProjectOperator(new LimitOperator(new FilterOperator(values(types, 8, rows), odd), 0, -1), projections));
        assertThat(fused).hasSize(25).containsExactlyElementsOf(gathered);
        assertThat(fused.get(2)).containsExactly(5, 7L, 10L, 15L, null, 6);
        assertThat(fused.get(3)).containsExactly(7, 7L, 14L, 21L, -693L, 8);

        List<List<Object>> huge = List.of(row(Long.MAX_VALUE, 1L, 1), row(0L, 1L, 0));
        Expression positive = call(ScalarFunction.GREATER_THAN, BOOLEAN, List.of(column(2, JunctionType.INTEGER), literal(0, JunctionType.INTEGER)));
        Operator overflowing = new ProjectOperator(new FilterOperator(values(types, 8, huge), positive),
                List.of(call(ScalarFunction.PLUS, BIGINT, List.of(column(0, BIGINT), column(1, BIGINT)))));
        assertThatThrownBy(() -> collect(overflowing)).isInstanceOfSatisfying(JunctionException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
    }

    @Test
    void projectComputesExpressions() {
        Operator input = values(List.of(BIGINT, VARCHAR), 2, numbers(3));
        ProjectOperator project = new ProjectOperator(input, List.of(
                call(ScalarFunction.TIMES, BIGINT, List.of(column(0, BIGINT), literal(10L, BIGINT))),
                call(ScalarFunction.COALESCE, VARCHAR, List.of(column(1, VARCHAR), literal("none", VARCHAR)))));
        assertThat(project.outputTypes()).containsExactly(BIGINT, VARCHAR);
        assertThat(collect(project)).containsExactly(row(0L, "none"), row(10L, "v1"), row(20L, "none"));
    }

    @Test
    void limitClosesItsInputAsSoonAsItHasEnough() {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicInteger batchesRead = new AtomicInteger();
        Operator source = new SourceScanOperator(List.of(BIGINT), "numbers", () -> new BatchStream() {
            private final Operator rows = values(List.of(BIGINT), 3, numbers(100).stream().map(r -> row(r.get(0))).toList());

            @Override
            public Batch next() {
                batchesRead.incrementAndGet();
                return rows.next();
            }

            @Override
            public void close() {
                closed.set(true);
            }
        });
        LimitOperator limit = new LimitOperator(source, 2, 5);
        List<Object> seen = new ArrayList<>();
        Batch batch;
        while ((batch = limit.next()) != null) {
            for (int i = 0; i < batch.rowCount(); i++) {
                seen.add(batch.row(i).get(0));
            }
            if (seen.size() == 5) {
                assertThat(closed).as("input closed before the limit operator reported its end").isTrue();
            }
        }
        assertThat(seen).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(batchesRead.get()).isEqualTo(3);
        assertThat(collect(new LimitOperator(values(List.of(BIGINT, VARCHAR), 4, numbers(10)), 8, -1)))
                .containsExactly(row(8L, null), row(9L, "v9"));
    }

    @Test
    void sortOrdersByMultipleKeysWithNullPlacement() {
        List<List<Object>> rows = List.of(row("b", 2L), row(null, 1L), row("a", null), row("b", 1L), row("a", 3L), row(null, 0L));
        List<JunctionType> types = List.of(VARCHAR, BIGINT);
        assertThat(collect(new SortOperator(values(types, 2, rows), List.of(new SortKey(0, true, false), new SortKey(1, false, true)))))
                .containsExactly(row("a", null), row("a", 3L), row("b", 2L), row("b", 1L), row(null, 1L), row(null, 0L));
        assertThat(collect(new SortOperator(values(types, 2, rows), List.of(new SortKey(0, false, true), new SortKey(1, true, false)))))
                .containsExactly(row(null, 0L), row(null, 1L), row("b", 1L), row("b", 2L), row("a", 3L), row("a", null));
    }

    @Test
    void sortEmitsBoundedBatchesOverLargeInput() {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 5000; i++) {
            rows.add(row((i * 7919) % 5000));
        }
        List<List<Object>> sorted = collect(new SortOperator(values(List.of(BIGINT), 1000, rows), List.of(new SortKey(0, true, true))));
        assertThat(sorted).hasSize(5000);
        for (int i = 0; i < 5000; i++) {
            assertThat(sorted.get(i).get(0)).isEqualTo((long) i);
        }
        assertThat(collect(new SortOperator(values(List.of(BIGINT), 3, List.of()), List.of(new SortKey(0, true, true))))).isEmpty();
    }

    @Test
    void topNKeepsTheBestRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 3000; i++) {
            rows.add(row(i % 2 == 0 ? null : (i * 31) % 3000));
        }
        List<SortKey> descNullsLast = List.of(new SortKey(0, false, false));
        assertThat(collect(new TopNOperator(values(List.of(BIGINT), 7, rows), descNullsLast, 3)))
                .containsExactly(row(2999L), row(2997L), row(2995L));
        List<SortKey> ascNullsFirst = List.of(new SortKey(0, true, true));
        List<List<Object>> firsts = collect(new TopNOperator(values(List.of(BIGINT), 7, rows), ascNullsFirst, 1502));
        assertThat(firsts).hasSize(1502);
        assertThat(firsts.subList(0, 1500)).allSatisfy(r -> assertThat(r.get(0)).isNull());
        assertThat(firsts.subList(1500, 1502)).containsExactly(row(1L), row(3L));
        assertThat(collect(new TopNOperator(values(List.of(BIGINT), 7, rows), ascNullsFirst, 0))).isEmpty();
    }

    @Test
    void unionAllConcatenatesInputs() {
        Operator a = values(List.of(BIGINT), 2, List.of(row(1L), row(2L), row(3L)));
        Operator empty = values(List.of(BIGINT), 2, List.of());
        Operator b = values(List.of(BIGINT), 2, List.of(row((Object) null)));
        assertThat(collect(new UnionAllOperator(List.of(a, empty, b)))).containsExactly(row(1L), row(2L), row(3L), row((Object) null));
    }

    @Test
    void distinctIsAnAggregateWithoutCalls() {
        Operator input = values(List.of(VARCHAR, BIGINT), 2, List.of(row("a", 1L), row(null, null), row("a", 1L), row(null, null), row("a", 2L)));
        assertThat(collect(new HashAggregateOperator(input, new int[] {0, 1}, List.of())))
                .containsExactlyInAnyOrder(row("a", 1L), row(null, null), row("a", 2L));
    }

    /** A source stream over {@code rows} that runs {@code onClose} when closed. */
    private static BatchStream streamOf(Operator rows, Runnable onClose) {
        return new BatchStream() {
            @Override
            public Batch next() {
                return rows.next();
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }

    @Test
    void scanOpensLazilyAndClosesAtEnd() {
        AtomicInteger opened = new AtomicInteger();
        AtomicBoolean closed = new AtomicBoolean();
        SourceScanOperator scan = new SourceScanOperator(List.of(BIGINT), "t", () -> {
            opened.incrementAndGet();
            return streamOf(values(List.of(BIGINT), 1, List.of(row(1L))), () -> closed.set(true));
        });
        assertThat(opened.get()).isZero();
        assertThat(scan.next().rowCount()).isEqualTo(1);
        assertThat(scan.next()).isNull();
        assertThat(closed).isTrue();
        assertThat(opened.get()).isEqualTo(1);
    }

    @Test
    void aScanStartedEarlyOpensOnAnotherThreadAndIsReadOrClosedAsUsual() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(2);
        java.util.function.Supplier<BatchStream> opener = () -> {
            opened.countDown();
            return streamOf(values(List.of(BIGINT), 1, List.of(row(1L), row(2L))), closes::incrementAndGet);
        };
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            SourceScanOperator read = new SourceScanOperator(List.of(BIGINT), "t", opener);
            read.startEarly(executor);
            SourceScanOperator unread = new SourceScanOperator(List.of(BIGINT), "u", opener);
            unread.startEarly(executor);
            assertThat(opened.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("opened before any next()").isTrue();
            assertThat(collect(read)).hasSize(2);
            unread.close(); // never read: its stream is closed all the same
            executor.submit(() -> { }).get();
            assertThat(closes.get()).isEqualTo(2);

            // an error opening the stream surfaces, as itself, at the first next()
            SourceScanOperator failing = new SourceScanOperator(List.of(BIGINT), "f", () -> {
                throw new JunctionException(ErrorCode.SOURCE_UNREACHABLE, "source s is down");
            });
            failing.startEarly(executor);
            assertThatThrownBy(failing::next).isInstanceOfSatisfying(JunctionException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void valuesRejectTheWrongShape() {
        assertThatThrownBy(() -> new ValuesOperator(List.of(BIGINT), List.of(row(1L, 2L))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> collect(new ValuesOperator(List.of(JunctionType.decimal(3, 1)), List.of(row(new BigDecimal("123.4"))))))
                .isInstanceOf(JunctionException.class)
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
    }
}
