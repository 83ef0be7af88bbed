package io.junction.exec.operator;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.junction.exec.Rows.collect;
import static io.junction.exec.Rows.row;
import static io.junction.exec.Rows.values;
import static io.junction.types.JunctionType.BIGINT;
import static io.junction.types.JunctionType.DOUBLE;
import static io.junction.types.JunctionType.INTEGER;
import static io.junction.types.JunctionType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashAggregateOperatorTest {
    private static final JunctionType DEC_10_2 = JunctionType.decimal(10, 2);

    private static AggregateCall agg(AggregateFunction f, int argument, JunctionType type) {
        return new AggregateCall(f, argument, false, type);
    }

    @Test
    void aggregatesWithoutGroupByOnEmptyInputGiveOneRow() {
        Operator empty = values(List.of(BIGINT, DEC_10_2), 3, List.of());
        assertThat(collect(new HashAggregateOperator(empty, new int[0], List.of(
                agg(AggregateFunction.COUNT_STAR, -1, BIGINT), agg(AggregateFunction.COUNT, 0, BIGINT),
                agg(AggregateFunction.SUM, 0, BIGINT), agg(AggregateFunction.AVG, 1, DEC_10_2),
                agg(AggregateFunction.MIN, 0, BIGINT), agg(AggregateFunction.MAX, 1, DEC_10_2)))))
                .containsExactly(row(0L, 0L, null, null, null, null));
    }

    @Test
    void aggregatesWithGroupByOnEmptyInputGiveNoRows() {
        Operator empty = values(List.of(BIGINT, BIGINT), 3, List.of());
        assertThat(collect(new HashAggregateOperator(empty, new int[] {0}, List.of(agg(AggregateFunction.COUNT_STAR, -1, BIGINT))))).isEmpty();
    }

    @Test
    void decimalSumIsExact() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(row(new BigDecimal("0.10")));
        }
        rows.add(row((Object) null));
        Operator input = values(List.of(DEC_10_2), 3, rows);
        assertThat(collect(new HashAggregateOperator(input, new int[0], List.of(
                agg(AggregateFunction.SUM, 0, JunctionType.decimal(38, 2)), agg(AggregateFunction.AVG, 0, JunctionType.decimal(38, 6)),
                agg(AggregateFunction.COUNT, 0, BIGINT)))))
                .containsExactly(row(new BigDecimal("1.00"), new BigDecimal("0.100000"), 10L));
    }

    @Test
    void sumOverflowRaises() {
        Operator input = values(List.of(BIGINT), 3, List.of(row(Long.MAX_VALUE), row(1L)));
        assertThatThrownBy(() -> collect(new HashAggregateOperator(input, new int[0], List.of(agg(AggregateFunction.SUM, 0, BIGINT)))))
                .isInstanceOf(JunctionException.class)
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
        // the intermediate sum may leave the long range as long as the final one fits a wide decimal
        Operator back = values(List.of(BIGINT), 1, List.of(row(Long.MAX_VALUE), row(Long.MAX_VALUE), row(-Long.MAX_VALUE)));
        assertThat(collect(new HashAggregateOperator(back, new int[0], List.of(agg(AggregateFunction.SUM, 0, BIGINT)))))
                .containsExactly(row(Long.MAX_VALUE));
        Operator decimals = values(List.of(JunctionType.decimal(4, 2)), 1, List.of(row(new BigDecimal("99.99")), row(new BigDecimal("0.01"))));
        assertThatThrownBy(() -> collect(new HashAggregateOperator(decimals, new int[0], List.of(agg(AggregateFunction.SUM, 0, JunctionType.decimal(4, 2))))))
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW))
                .hasMessageContaining("100.00");
    }

    @Test
    void groupsIncludingNullGroupAcrossManyBatches() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String key = i % 3 == 0 ? null : "k" + (i % 3);
            rows.add(row(key, (long) i, i % 5 == 0 ? null : (double) i, i % 2 == 0 ? "even" : "odd"));
        }
        Operator input = values(List.of(VARCHAR, BIGINT, DOUBLE, VARCHAR), 7, rows);
        List<List<Object>> result = collect(new HashAggregateOperator(input, new int[] {0}, List.of(
                agg(AggregateFunction.COUNT_STAR, -1, BIGINT),
                agg(AggregateFunction.SUM, 1, BIGINT),
                agg(AggregateFunction.AVG, 1, INTEGER),
                agg(AggregateFunction.MIN, 3, VARCHAR),
                agg(AggregateFunction.MAX, 1, BIGINT),
                agg(AggregateFunction.COUNT, 2, BIGINT))));
        long sumNull = 0;
        long sumK1 = 0;
        for (int i = 0; i < 3000; i++) {
            if (i % 3 == 0) {
                sumNull += i;
            } else if (i % 3 == 1) {
                sumK1 += i;
            }
        }
        assertThat(result).hasSize(3);
        assertThat(result).contains(row(null, 1000L, sumNull, (int) (sumNull / 1000), "even", 2997L, 800L));
        assertThat(result).contains(row("k1", 1000L, sumK1, (int) (sumK1 / 1000), "even", 2998L, 800L));
    }

    @Test
    void manyGroupsAreEmittedInBoundedBatches() {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 5000; i++) {
            rows.add(row(i % 4500, 1L));
        }
        List<List<Object>> result = collect(new HashAggregateOperator(values(List.of(BIGINT, BIGINT), 100, rows), new int[] {0},
                List.of(agg(AggregateFunction.SUM, 1, BIGINT))));
        assertThat(result).hasSize(4500);
        assertThat(result.stream().mapToLong(r -> (Long) r.get(1)).sum()).isEqualTo(5000L);
    }

    @Test
    void distinctAggregates() {
        Operator input = values(List.of(VARCHAR, BIGINT), 2, List.of(
                row("a", 1L), row("a", 1L), row("a", 2L), row("a", null), row("b", 5L), row("b", 5L)));
        assertThat(collect(new HashAggregateOperator(input, new int[] {0}, List.of(
                new AggregateCall(AggregateFunction.COUNT, 1, true, BIGINT),
                new AggregateCall(AggregateFunction.SUM, 1, true, BIGINT),
                new AggregateCall(AggregateFunction.SUM, 1, false, BIGINT)))))
                .containsExactlyInAnyOrder(row("a", 2L, 3L, 4L), row("b", 1L, 5L, 10L));
    }

    @Test
    void minMaxOfTextUseCodePointOrder() {
        String emoji = new String(Character.toChars(0x1F600));
        Operator input = values(List.of(VARCHAR), 2, List.of(row("\uFF21"), row(emoji), row((Object) null)));
        assertThat(collect(new HashAggregateOperator(input, new int[0], List.of(
                agg(AggregateFunction.MIN, 0, VARCHAR), agg(AggregateFunction.MAX, 0, VARCHAR)))))
                .containsExactly(row("\uFF21", emoji));
    }
}
