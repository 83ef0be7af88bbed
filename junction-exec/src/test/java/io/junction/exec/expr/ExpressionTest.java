package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static io.junction.exec.Rows.batch;
import static io.junction.exec.Rows.row;
import static io.junction.exec.expr.Expressions.call;
import static io.junction.exec.expr.Expressions.column;
import static io.junction.exec.expr.Expressions.literal;
import static io.junction.types.JunctionType.BIGINT;
import static io.junction.types.JunctionType.BOOLEAN;
import static io.junction.types.JunctionType.DOUBLE;
import static io.junction.types.JunctionType.INTEGER;
import static io.junction.types.JunctionType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionTest {
    private static List<Object> values(Expression e, Batch batch) {
        Vector v = e.evaluate(batch);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < batch.rowCount(); i++) {
            out.add(v.getObject(i));
        }
        return out;
    }

    private static final JunctionType DEC_10_2 = JunctionType.decimal(10, 2);

    @Test
    void comparisonsPropagateNullAndCompareDecimalsOfDifferentScales() {
        Batch b = batch(List.of(BIGINT, BIGINT), List.of(row(1L, 2L), row(2L, 2L), row(null, 1L), row(3L, null)));
        assertThat(values(call(ScalarFunction.LESS_THAN, BOOLEAN, List.of(column(0, BIGINT), column(1, BIGINT))), b))
                .containsExactly(true, false, null, null);
        assertThat(values(call(ScalarFunction.IS_DISTINCT_FROM, BOOLEAN, List.of(column(0, BIGINT), literal(null, BIGINT))), b))
                .containsExactly(true, true, false, true);

        JunctionType d1 = JunctionType.decimal(10, 1);
        JunctionType d3 = JunctionType.decimal(10, 3);
        Batch decimals = batch(List.of(d1, d3), List.of(row(new BigDecimal("1.5"), new BigDecimal("1.500")), row(new BigDecimal("1.5"), new BigDecimal("1.501"))));
        assertThat(values(call(ScalarFunction.EQUAL, BOOLEAN, List.of(column(0, d1), column(1, d3))), decimals)).containsExactly(true, false);
    }

    @Test
    void textComparesByCodePoint() {
        // U+1F600 (surrogate pair) sorts after U+FF21 by code point, before it by UTF-16 unit
        String emoji = new String(Character.toChars(0x1F600));
        Batch b = batch(List.of(VARCHAR, VARCHAR), List.of(row(emoji, "\uFF21"), row("abc", "abd")));
        assertThat(values(call(ScalarFunction.GREATER_THAN, BOOLEAN, List.of(column(0, VARCHAR), column(1, VARCHAR))), b))
                .containsExactly(true, false);
    }

    @Test
    void andOrUseThreeValuedLogic() {
        Batch b = batch(List.of(BOOLEAN, BOOLEAN), List.of(
                row(true, true), row(true, false), row(true, null), row(false, null), row(null, null), row(false, false)));
        Expression a = column(0, BOOLEAN);
        Expression c = column(1, BOOLEAN);
        assertThat(values(call(ScalarFunction.AND, BOOLEAN, List.of(a, c)), b)).containsExactly(true, false, null, false, null, false);
        assertThat(values(call(ScalarFunction.OR, BOOLEAN, List.of(a, c)), b)).containsExactly(true, true, true, null, null, false);
        assertThat(values(call(ScalarFunction.NOT, BOOLEAN, List.of(c)), b)).containsExactly(false, true, null, null, null, true);
        assertThat(values(call(ScalarFunction.IS_NOT_TRUE, BOOLEAN, List.of(c)), b)).containsExactly(false, true, true, true, true, true);
    }

    @Test
    void andDoesNotEvaluateGuardedOperandOnRejectedRows() {
        Batch b = batch(List.of(BIGINT), List.of(row(0L), row(5L)));
        Expression x = column(0, BIGINT);
        Expression guard = call(ScalarFunction.NOT_EQUAL, BOOLEAN, List.of(x, literal(0L, BIGINT)));
        Expression division = call(ScalarFunction.GREATER_THAN, BOOLEAN,
                List.of(call(ScalarFunction.DIVIDE, BIGINT, List.of(literal(10L, BIGINT), x)), literal(1L, BIGINT)));
        assertThat(values(call(ScalarFunction.AND, BOOLEAN, List.of(guard, division)), b)).containsExactly(false, true);
    }

    @Test
    void integerArithmeticTruncatesAndChecksRange() {
        Batch b = batch(List.of(INTEGER, INTEGER), List.of(row(7, 2), row(-7, 2), row(null, 1), row(7, -2)));
        Expression x = column(0, INTEGER);
        Expression y = column(1, INTEGER);
        assertThat(values(call(ScalarFunction.DIVIDE, INTEGER, List.of(x, y)), b)).containsExactly(3, -3, null, -3);
        assertThat(values(call(ScalarFunction.MOD, INTEGER, List.of(x, y)), b)).containsExactly(1, -1, null, 1);

        Batch big = batch(List.of(INTEGER), List.of(row(Integer.MAX_VALUE)));
        assertThatThrownBy(() -> call(ScalarFunction.PLUS, INTEGER, List.of(column(0, INTEGER), literal(1, INTEGER))).evaluate(big))
                .isInstanceOf(JunctionException.class)
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW))
                .hasMessageContaining("2147483647");
        Batch longs = batch(List.of(BIGINT), List.of(row(Long.MAX_VALUE)));
        assertThatThrownBy(() -> call(ScalarFunction.TIMES, BIGINT, List.of(column(0, BIGINT), literal(2L, BIGINT))).evaluate(longs))
                .isInstanceOf(JunctionException.class)
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
    }

    @Test
    void divisionByZeroRaisesButNotOnNullRows() {
        Batch b = batch(List.of(BIGINT, BIGINT), List.of(row(1L, 0L)));
        assertThatThrownBy(() -> call(ScalarFunction.DIVIDE, BIGINT, List.of(column(0, BIGINT), column(1, BIGINT))).evaluate(b))
                .isInstanceOf(JunctionException.class)
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.DIVISION_BY_ZERO));
        Batch nullRow = batch(List.of(BIGINT, BIGINT), List.of(row(null, 0L), row(4L, null)));
        assertThat(values(call(ScalarFunction.DIVIDE, BIGINT, List.of(column(0, BIGINT), column(1, BIGINT))), nullRow)).containsExactly(null, null);
        Batch decimals = batch(List.of(DEC_10_2), List.of(row(new BigDecimal("1.00"))));
        assertThatThrownBy(() -> call(ScalarFunction.DIVIDE, DEC_10_2, List.of(column(0, DEC_10_2), literal(BigDecimal.ZERO, DEC_10_2))).evaluate(decimals))
                .isInstanceOf(JunctionException.class)
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.DIVISION_BY_ZERO));
        Batch doubles = batch(List.of(DOUBLE), List.of(row(1.0)));
        assertThatThrownBy(() -> call(ScalarFunction.DIVIDE, DOUBLE, List.of(column(0, DOUBLE), literal(0.0, DOUBLE))).evaluate(doubles))
                .isInstanceOf(JunctionException.class);
    }

    @Test
    void decimalArithmeticIsExact() {
        JunctionType d1 = JunctionType.decimal(10, 1);
        JunctionType d2 = JunctionType.decimal(10, 2);
        Batch b = batch(List.of(d1, d2), List.of(row(new BigDecimal("1.5"), new BigDecimal("0.25")), row(new BigDecimal("-2.5"), new BigDecimal("0.10"))));
        Expression x = column(0, d1);
        Expression y = column(1, d2);
        assertThat(values(call(ScalarFunction.PLUS, JunctionType.decimal(11, 2), List.of(x, y)), b))
                .containsExactly(new BigDecimal("1.75"), new BigDecimal("-2.40"));
        assertThat(values(call(ScalarFunction.TIMES, JunctionType.decimal(20, 3), List.of(x, y)), b))
                .containsExactly(new BigDecimal("0.375"), new BigDecimal("-0.250"));
        // rescaling the product to fewer digits rounds half up (away from zero)
        assertThat(values(call(ScalarFunction.TIMES, JunctionType.decimal(20, 2), List.of(x, y)), b))
                .containsExactly(new BigDecimal("0.38"), new BigDecimal("-0.25"));
        assertThat(values(call(ScalarFunction.DIVIDE, JunctionType.decimal(20, 4), List.of(x, y)), b))
                .containsExactly(new BigDecimal("6.0000"), new BigDecimal("-25.0000"));
        assertThat(values(call(ScalarFunction.MOD, JunctionType.decimal(10, 2), List.of(x, y)), b))
                .containsExactly(new BigDecimal("0.00"), new BigDecimal("0.00"));
        Batch thirds = batch(List.of(d2), List.of(row(new BigDecimal("1.00"))));
        assertThat(values(call(ScalarFunction.DIVIDE, JunctionType.decimal(10, 3), List.of(column(0, d2), literal(new BigDecimal("3"), JunctionType.decimal(1, 0)))), thirds))
                .containsExactly(new BigDecimal("0.333"));
    }

    @Test
    void decimalOverflowNamesTheValue() {
        JunctionType d = JunctionType.decimal(4, 2);
        Batch b = batch(List.of(d), List.of(row(new BigDecimal("99.99"))));
        assertThatThrownBy(() -> call(ScalarFunction.PLUS, d, List.of(column(0, d), literal(new BigDecimal("0.01"), d))).evaluate(b))
                .isInstanceOf(JunctionException.class)
                .hasMessageContaining("100.00")
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
    }

    @Test
    void wideDecimalsStayExact() {
        JunctionType d = JunctionType.decimal(38, 2);
        BigDecimal huge = new BigDecimal("123456789012345678901234567890.12");
        Batch b = batch(List.of(d), List.of(row(huge)));
        assertThat(values(call(ScalarFunction.PLUS, d, List.of(column(0, d), column(0, d))), b))
                .containsExactly(new BigDecimal("246913578024691357802469135780.24"));
    }

    @Test
    void castsFollowPostgresRules() {
        Batch b = batch(List.of(DEC_10_2, DOUBLE, BOOLEAN), List.of(row(new BigDecimal("2.50"), 2.5, true), row(new BigDecimal("-2.50"), 1e20, false), row(null, null, null)));
        assertThat(values(new CastExpression(column(0, DEC_10_2), INTEGER), b)).containsExactly(3, -3, null);
        assertThat(values(new CastExpression(column(0, DEC_10_2), VARCHAR), b))
                .containsExactly("2.50", "-2.50", null);
        assertThat(values(new CastExpression(column(1, DOUBLE), VARCHAR), b)).containsExactly("2.5", "1e+20", null);
        assertThat(values(new CastExpression(column(2, BOOLEAN), VARCHAR), b)).containsExactly("true", "false", null);
        assertThat(values(new CastExpression(column(0, DEC_10_2), JunctionType.decimal(5, 1)), b))
                .containsExactly(new BigDecimal("2.5"), new BigDecimal("-2.5"), null);
        assertThatThrownBy(() -> new CastExpression(column(1, DOUBLE), INTEGER).evaluate(b))
                .isInstanceOf(JunctionException.class)
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
        assertThat(new CastExpression(column(1, DOUBLE), JunctionType.decimal(10, 2)).describe()).isEqualTo("CAST($1 AS DECIMAL(10,2))");
    }

    @Test
    void charLosesItsPaddingAsOtherText() {
        JunctionType char10 = JunctionType.chr(10);
        Batch b = batch(List.of(char10), List.of(row("Brand#45  "), row("  a \t  "), row(null)));
        assertThat(values(new CastExpression(column(0, char10), VARCHAR), b)).containsExactly("Brand#45", "  a \t", null);
        assertThat(values(call(ScalarFunction.EQUAL, BOOLEAN, List.of(new CastExpression(column(0, char10), VARCHAR), literal("Brand#45", VARCHAR))), b))
                .containsExactly(true, false, null);
        assertThat(values(new CastExpression(column(0, char10), JunctionType.chr(12)), b)).containsExactly("Brand#45    ", "  a \t       ", null);
    }

    @Test
    void castsFromTextAndTemporal() {
        Batch b = batch(List.of(VARCHAR), List.of(row(" 42 "), row(null)));
        assertThat(values(new CastExpression(column(0, VARCHAR), INTEGER), b)).containsExactly(42, null);
        Batch bad = batch(List.of(VARCHAR), List.of(row("abc")));
        assertThatThrownBy(() -> new CastExpression(column(0, VARCHAR), INTEGER).evaluate(bad))
                .isInstanceOf(JunctionException.class)
                .hasMessage("invalid value 'abc' for type INTEGER")
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.INVALID_CAST));
        assertThatThrownBy(() -> new CastExpression(column(0, VARCHAR), JunctionType.DATE).evaluate(bad))
                .satisfies(e -> assertThat(((JunctionException) e).code()).isEqualTo(ErrorCode.INVALID_CAST));

        Batch texts = batch(List.of(VARCHAR), List.of(row("2024-02-29 13:45:01.5")));
        assertThat(values(new CastExpression(column(0, VARCHAR), JunctionType.TIMESTAMP), texts))
                .containsExactly(LocalDateTime.of(2024, 2, 29, 13, 45, 1, 500_000_000));
        assertThat(values(new CastExpression(column(0, VARCHAR), JunctionType.DATE), texts)).containsExactly(LocalDate.of(2024, 2, 29));

        Batch ts = batch(List.of(JunctionType.TIMESTAMP, JunctionType.DATE), List.of(row(LocalDateTime.of(1969, 12, 31, 23, 0, 0, 123_000), LocalDate.of(2000, 1, 2))));
        assertThat(values(new CastExpression(column(0, JunctionType.TIMESTAMP), VARCHAR), ts)).containsExactly("1969-12-31 23:00:00.000123");
        assertThat(values(new CastExpression(column(0, JunctionType.TIMESTAMP), JunctionType.DATE), ts)).containsExactly(LocalDate.of(1969, 12, 31));
        assertThat(values(new CastExpression(column(1, JunctionType.DATE), JunctionType.TIMESTAMP), ts)).containsExactly(LocalDateTime.of(2000, 1, 2, 0, 0));
        assertThat(values(new CastExpression(column(1, JunctionType.DATE), VARCHAR), ts)).containsExactly("2000-01-02");

        Batch word = batch(List.of(VARCHAR), List.of(row("ab")));
        assertThat(values(new CastExpression(column(0, VARCHAR), JunctionType.chr(4)), word)).containsExactly("ab  ");
        assertThat(values(new CastExpression(column(0, VARCHAR), JunctionType.varchar(1)), word)).containsExactly("a");
        assertThat(values(new CastExpression(literal("yes", VARCHAR), BOOLEAN), word)).containsExactly(true);
    }

    @Test
    void caseEvaluatesBranchesOnlyWhereTaken() {
        Batch b = batch(List.of(BIGINT), List.of(row(0L), row(5L), row(null)));
        Expression x = column(0, BIGINT);
        Expression isZero = call(ScalarFunction.EQUAL, BOOLEAN, List.of(x, literal(0L, BIGINT)));
        Expression caseWithElse = call(ScalarFunction.CASE, BIGINT, List.of(isZero, literal(-1L, BIGINT),
                call(ScalarFunction.DIVIDE, BIGINT, List.of(literal(100L, BIGINT), x))));
        assertThat(values(caseWithElse, b)).containsExactly(-1L, 20L, null);
        Expression noElse = call(ScalarFunction.CASE, BIGINT, List.of(isZero, literal(7L, BIGINT)));
        assertThat(values(noElse, b)).containsExactly(7L, null, null);
    }

    @Test
    void coalesceAndNullIf() {
        Batch b = batch(List.of(BIGINT, BIGINT), List.of(row(null, 2L), row(1L, 2L), row(null, null), row(2L, 2L)));
        assertThat(values(call(ScalarFunction.COALESCE, BIGINT, List.of(column(0, BIGINT), column(1, BIGINT), literal(9L, BIGINT))), b))
                .containsExactly(2L, 1L, 9L, 2L);
        assertThat(values(call(ScalarFunction.NULLIF, BIGINT, List.of(column(0, BIGINT), column(1, BIGINT))), b))
                .containsExactly(null, 1L, null, null);
    }

    @Test
    void likeWithWildcardsAndEscapes() {
        Batch b = batch(List.of(VARCHAR), List.of(row("100%"), row("1000"), row("a_b"), row("axb"), row(null), row("line\nbreak")));
        Expression s = column(0, VARCHAR);
        assertThat(values(call(ScalarFunction.LIKE, BOOLEAN, List.of(s, literal("100!%", VARCHAR), literal("!", VARCHAR))), b))
                .containsExactly(true, false, false, false, null, false);
        assertThat(values(call(ScalarFunction.LIKE, BOOLEAN, List.of(s, literal("a\\_b", VARCHAR))), b))
                .containsExactly(false, false, true, false, null, false);
        assertThat(values(call(ScalarFunction.LIKE, BOOLEAN, List.of(s, literal("a_b", VARCHAR))), b))
                .containsExactly(false, false, true, true, null, false);
        assertThat(values(call(ScalarFunction.LIKE, BOOLEAN, List.of(s, literal("%e%k", VARCHAR))), b))
                .containsExactly(false, false, false, false, null, true);
        assertThat(values(call(ScalarFunction.LIKE, BOOLEAN, List.of(s, literal("1.*", VARCHAR))), b))
                .containsExactly(false, false, false, false, null, false);
    }

    @Test
    void inListHasNullSemantics() {
        Batch b = batch(List.of(BIGINT), List.of(row(1L), row(3L), row(null)));
        Expression x = column(0, BIGINT);
        assertThat(values(call(ScalarFunction.IN, BOOLEAN, List.of(x, literal(1L, BIGINT), literal(2L, BIGINT))), b)).containsExactly(true, false, null);
        assertThat(values(call(ScalarFunction.IN, BOOLEAN, List.of(x, literal(1L, BIGINT), literal(null, BIGINT))), b)).containsExactly(true, null, null);
    }

    @Test
    void textFunctions() {
        String emoji = new String(Character.toChars(0x1F600));
        Batch b = batch(List.of(VARCHAR), List.of(row("  Hello" + emoji + "  "), row(null)));
        Expression s = column(0, VARCHAR);
        Expression trimmed = call(ScalarFunction.TRIM, VARCHAR, List.of(s));
        assertThat(values(trimmed, b)).containsExactly("Hello" + emoji, null);
        assertThat(values(call(ScalarFunction.CHAR_LENGTH, INTEGER, List.of(trimmed)), b)).containsExactly(6, null);
        assertThat(values(call(ScalarFunction.UPPER, VARCHAR, List.of(trimmed)), b)).containsExactly("HELLO" + emoji, null);
        assertThat(values(call(ScalarFunction.SUBSTRING, VARCHAR, List.of(trimmed, literal(2L, BIGINT), literal(3L, BIGINT))), b)).containsExactly("ell", null);
        assertThat(values(call(ScalarFunction.SUBSTRING, VARCHAR, List.of(trimmed, literal(0L, BIGINT), literal(3L, BIGINT))), b)).containsExactly("He", null);
        assertThat(values(call(ScalarFunction.SUBSTRING, VARCHAR, List.of(trimmed, literal(6L, BIGINT))), b)).containsExactly(emoji, null);
        assertThat(values(call(ScalarFunction.POSITION, INTEGER, List.of(literal("lo", VARCHAR), trimmed)), b)).containsExactly(4, null);
        assertThat(values(call(ScalarFunction.REPLACE, VARCHAR, List.of(trimmed, literal("l", VARCHAR), literal("L", VARCHAR))), b)).containsExactly("HeLLo" + emoji, null);
        assertThat(values(call(ScalarFunction.CONCAT, VARCHAR, List.of(literal("n=", VARCHAR), literal(5L, BIGINT), trimmed)), b))
                .containsExactly("n=5Hello" + emoji, null);
    }

    @Test
    void mathFunctions() {
        Batch b = batch(List.of(DEC_10_2, DOUBLE, BIGINT), List.of(row(new BigDecimal("-2.45"), -2.5, -7L), row(null, null, null)));
        assertThat(values(call(ScalarFunction.ROUND, JunctionType.decimal(10, 1), List.of(column(0, DEC_10_2), literal(1, INTEGER))), b))
                .containsExactly(new BigDecimal("-2.5"), null);
        assertThat(values(call(ScalarFunction.ROUND, JunctionType.decimal(10, 0), List.of(column(0, DEC_10_2))), b)).containsExactly(new BigDecimal("-2"), null);
        assertThat(values(call(ScalarFunction.FLOOR, JunctionType.decimal(10, 0), List.of(column(0, DEC_10_2))), b)).containsExactly(new BigDecimal("-3"), null);
        assertThat(values(call(ScalarFunction.CEIL, DOUBLE, List.of(column(1, DOUBLE))), b)).containsExactly(-2.0, null);
        assertThat(values(call(ScalarFunction.ABS, BIGINT, List.of(column(2, BIGINT))), b)).containsExactly(7L, null);
        assertThat(values(call(ScalarFunction.ABS, DEC_10_2, List.of(column(0, DEC_10_2))), b)).containsExactly(new BigDecimal("2.45"), null);
    }

    @Test
    void extractFields() {
        Batch b = batch(List.of(JunctionType.TIMESTAMP, JunctionType.DATE), List.of(
                row(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 250_000_000), LocalDate.of(2023, 12, 31)),
                row(LocalDateTime.of(1969, 7, 20, 20, 17, 40), LocalDate.of(1900, 3, 1)),
                row(null, null)));
        Expression ts = column(0, JunctionType.TIMESTAMP);
        Expression date = column(1, JunctionType.DATE);
        assertThat(values(call(ScalarFunction.EXTRACT, BIGINT, List.of(literal("YEAR", VARCHAR), ts)), b)).containsExactly(2024L, 1969L, null);
        assertThat(values(call(ScalarFunction.EXTRACT, BIGINT, List.of(literal("MONTH", VARCHAR), ts)), b)).containsExactly(2L, 7L, null);
        assertThat(values(call(ScalarFunction.EXTRACT, BIGINT, List.of(literal("DAY", VARCHAR), ts)), b)).containsExactly(29L, 20L, null);
        assertThat(values(call(ScalarFunction.EXTRACT, BIGINT, List.of(literal("QUARTER", VARCHAR), ts)), b)).containsExactly(1L, 3L, null);
        assertThat(values(call(ScalarFunction.EXTRACT, BIGINT, List.of(literal("HOUR", VARCHAR), ts)), b)).containsExactly(13L, 20L, null);
        assertThat(values(call(ScalarFunction.EXTRACT, BIGINT, List.of(literal("MINUTE", VARCHAR), ts)), b)).containsExactly(45L, 17L, null);
        assertThat(values(call(ScalarFunction.EXTRACT, JunctionType.decimal(9, 6), List.of(literal("SECOND", VARCHAR), ts)), b))
                .containsExactly(new BigDecimal("30.250000"), new BigDecimal("40.000000"), null);
        assertThat(values(call(ScalarFunction.EXTRACT, BIGINT, List.of(literal("DOW", VARCHAR), date)), b)).containsExactly(0L, 4L, null);
        assertThat(values(call(ScalarFunction.EXTRACT, BIGINT, List.of(literal("DOY", VARCHAR), date)), b)).containsExactly(365L, 60L, null);
        assertThat(values(call(ScalarFunction.EXTRACT, BIGINT, List.of(literal("EPOCH", VARCHAR), ts)), b)).containsExactly(1709214330L, -14182940L, null);
        Batch times = batch(List.of(JunctionType.TIME), List.of(row(LocalTime.of(7, 8, 9))));
        assertThat(values(call(ScalarFunction.EXTRACT, BIGINT, List.of(literal("minute", VARCHAR), column(0, JunctionType.TIME))), times)).containsExactly(8L);
    }

    @Test
    void describeRendersSqlLikeText() {
        assertThat(call(ScalarFunction.PLUS, BIGINT, List.of(column(0, BIGINT), literal(1L, BIGINT))).describe()).isEqualTo("($0 + 1)");
        assertThat(call(ScalarFunction.CAST, DEC_10_2, List.of(column(1, BIGINT))).describe()).isEqualTo("CAST($1 AS DECIMAL(10,2))");
        assertThat(literal("it's", VARCHAR).describe()).isEqualTo("'it''s'");
    }
}
