package io.junction.exec.operator;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.junction.exec.Rows.collect;
import static io.junction.exec.Rows.row;
import static io.junction.exec.Rows.values;
import static io.junction.types.JunctionType.BIGINT;
import static io.junction.types.JunctionType.BOOLEAN;
import static io.junction.types.JunctionType.DOUBLE;
import static io.junction.types.JunctionType.INTEGER;
import static io.junction.types.JunctionType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupingSetsAndAccumulatorsTest {
    private static final JunctionType DEC = JunctionType.decimal(38, 6);

    private static Operator sales() {
        return values(List.of(VARCHAR, INTEGER, INTEGER), 2, List.of(
                row("a", 1, 10), row("a", 2, 20), row("b", 1, 5), row("a", 1, 1), row(null, 2, 7)));
    }

    @Test
    void rollupAddsSubtotalsWithNullKeysAndGroupingBits() {
        List<int[]> sets = List.of(new int[] {0, 1}, new int[] {0}, new int[0]);
        List<List<Object>> rows = collect(new GroupingSetsAggregateOperator(sales(), new int[] {0, 1}, sets,
                List.of(new AggregateCall(AggregateFunction.SUM, 2, false, BIGINT)), List.of(new int[] {0, 1}, new int[] {1})));
        assertThat(rows).containsExactlyInAnyOrder(
                row("a", 1, 11L, 0L, 0L), row("a", 2, 20L, 0L, 0L), row("b", 1, 5L, 0L, 0L), row(null, 2, 7L, 0L, 0L),
                row("a", null, 31L, 1L, 1L), row("b", null, 5L, 1L, 1L), row(null, null, 7L, 1L, 1L),
                row(null, null, 43L, 3L, 1L));
    }

    @Test
    void emptyGroupingSetGivesOneRowForEmptyInput() {
        Operator empty = values(List.of(VARCHAR, INTEGER, INTEGER), 2, List.of());
        assertThat(collect(new GroupingSetsAggregateOperator(empty, new int[] {0}, List.of(new int[] {0}, new int[0]),
                List.of(new AggregateCall(AggregateFunction.COUNT_STAR, -1, false, BIGINT)), List.of())))
                .containsExactly(row(null, 0L));
    }

    @Test
    void sumsReturnedInPlaceKeepNullGroupsAndStillCheckTheResultType() {
        JunctionType money = JunctionType.decimal(4, 2);
        Operator in = values(List.of(INTEGER, money, INTEGER), 2, List.of(row(1, new BigDecimal("10.50"), 1), row(1, new BigDecimal("0.25"), 2),
                row(2, null, null), row(3, new BigDecimal("-1.00"), 2_000_000_000), row(3, null, 2_000_000_000)));
        List<List<Object>> rows = collect(new HashAggregateOperator(in, new int[] {0}, List.of(
                new AggregateCall(AggregateFunction.SUM, 1, false, JunctionType.decimal(38, 2)),
                new AggregateCall(AggregateFunction.SUM, 2, false, BIGINT))));
        assertThat(rows).containsExactlyInAnyOrder(
                row(1, new BigDecimal("10.75"), 3L), row(2, null, null), row(3, new BigDecimal("-1.00"), 4_000_000_000L));
        // a result type narrower than the sum: 99.99 + 99.99 does not fit DECIMAL(4,2), 2 * 2e9 not INTEGER
        Operator wide = values(List.of(INTEGER, money), 2, List.of(row(1, new BigDecimal("99.99")), row(1, new BigDecimal("99.99"))));
        assertThatThrownBy(() -> collect(new HashAggregateOperator(wide, new int[] {0}, List.of(
                new AggregateCall(AggregateFunction.SUM, 1, false, money)))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
        Operator ints = values(List.of(INTEGER, INTEGER), 2, List.of(row(1, 2_000_000_000), row(1, 2_000_000_000)));
        assertThatThrownBy(() -> collect(new HashAggregateOperator(ints, new int[] {0}, List.of(
                new AggregateCall(AggregateFunction.SUM, 1, false, INTEGER)))))
                .isInstanceOf(JunctionException.class);
    }

    @Test
    void varianceOfExactNumbersIsExactAndSampleFormsNeedTwoValues() {
        Operator in = values(List.of(INTEGER, INTEGER), 2, List.of(row(1, 1), row(1, 2), row(1, 4), row(2, 7), row(2, null), row(3, null)));
        List<List<Object>> rows = collect(new HashAggregateOperator(in, new int[] {0}, List.of(
                new AggregateCall(AggregateFunction.VAR_SAMP, 1, false, DEC), new AggregateCall(AggregateFunction.VAR_POP, 1, false, DEC),
                new AggregateCall(AggregateFunction.STDDEV_SAMP, 1, false, DEC), new AggregateCall(AggregateFunction.STDDEV_POP, 1, false, DEC))));
        assertThat(rows).containsExactly(
                row(1, new BigDecimal("2.333333"), new BigDecimal("1.555556"), new BigDecimal("1.527525"), new BigDecimal("1.247219")),
                row(2, null, new BigDecimal("0.000000"), null, new BigDecimal("0.000000")),
                row(3, null, null, null, null));
    }

    @Test
    void varianceOfDoublesFollowsYoungsCramer() {
        Operator in = values(List.of(DOUBLE), 3, List.of(row(2.0), row(4.0), row(4.0), row(4.0), row(5.0), row(5.0), row(7.0), row(9.0)));
        assertThat(collect(new HashAggregateOperator(in, new int[0], List.of(
                new AggregateCall(AggregateFunction.STDDEV_POP, 0, false, DOUBLE), new AggregateCall(AggregateFunction.VAR_SAMP, 0, false, DOUBLE)))))
                .containsExactly(row(2.0, 32.0 / 7));
    }

    @Test
    void stringAggOrdersValuesAndUsesEachRowsSeparator() {
        Operator in = values(List.of(INTEGER, VARCHAR, VARCHAR, INTEGER), 2, List.of(
                row(1, "b", ",", 2), row(1, "a", ";", 1), row(1, null, ",", 0), row(2, "x", null, 5), row(1, "c", "+", 3), row(2, "y", "-", 4),
                row(3, null, ",", 1)));
        List<List<Object>> rows = collect(new HashAggregateOperator(in, new int[] {0}, List.of(
                new AggregateCall(AggregateFunction.STRING_AGG, 1, false, VARCHAR, 2, List.of(new SortKey(3, true, false))),
                new AggregateCall(AggregateFunction.STRING_AGG, 1, false, VARCHAR, 2, List.of(new SortKey(3, false, false))))));
        assertThat(rows).containsExactly(row(1, "a,b+c", "c,b;a"), row(2, "yx", "x-y"), row(3, null, null));
    }

    @Test
    void boolAndAndBoolOrAreMinAndMaxOfBooleans() {
        Operator in = values(List.of(INTEGER, BOOLEAN), 2, List.of(row(1, true), row(1, false), row(2, true), row(2, null), row(3, null)));
        assertThat(collect(new HashAggregateOperator(in, new int[] {0}, List.of(
                new AggregateCall(AggregateFunction.MIN, 1, false, BOOLEAN), new AggregateCall(AggregateFunction.MAX, 1, false, BOOLEAN)))))
                .containsExactly(row(1, false, true), row(2, true, true), row(3, null, null));
    }

    @Test
    void singleValueRaisesOnASecondRowInAGroup() {
        Operator ok = values(List.of(INTEGER, INTEGER), 2, List.of(row(1, null), row(2, 5)));
        assertThat(collect(new HashAggregateOperator(ok, new int[] {0}, List.of(new AggregateCall(AggregateFunction.SINGLE_VALUE, 1, false, INTEGER)))))
                .containsExactly(row(1, null), row(2, 5));
        Operator twice = values(List.of(INTEGER, INTEGER), 2, List.of(row(1, 1), row(2, 5), row(1, null)));
        assertThatThrownBy(() -> collect(new HashAggregateOperator(twice, new int[] {0},
                List.of(new AggregateCall(AggregateFunction.SINGLE_VALUE, 1, false, INTEGER)))))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CARDINALITY_VIOLATION);
                    assertThat(e.getMessage()).isEqualTo("more than one row returned by a subquery used as an expression");
                });
    }
}
