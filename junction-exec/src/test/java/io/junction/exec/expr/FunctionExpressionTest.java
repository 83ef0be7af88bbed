package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.junction.exec.Rows.batch;
import static io.junction.exec.Rows.row;
import static io.junction.exec.expr.Expressions.call;
import static io.junction.exec.expr.Expressions.column;
import static io.junction.exec.expr.Expressions.literal;
import static io.junction.types.JunctionType.BIGINT;
import static io.junction.types.JunctionType.BOOLEAN;
import static io.junction.types.JunctionType.DATE;
import static io.junction.types.JunctionType.DOUBLE;
import static io.junction.types.JunctionType.TIMESTAMP;
import static io.junction.types.JunctionType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionExpressionTest {
    private static List<Object> eval(Expression e, Batch b) {
        Vector v = e.evaluate(b);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < b.rowCount(); i++) {
            out.add(v.getObject(i));
        }
        return out;
    }

    private static Batch texts(String... values) {
        List<List<Object>> rows = new ArrayList<>();
        for (String v : values) {
            rows.add(row(v));
        }
        return batch(List.of(VARCHAR), rows);
    }

    private static Expression similar(String pattern) {
        return call(ScalarFunction.SIMILAR, BOOLEAN, List.of(column(0, VARCHAR), literal(pattern, VARCHAR)));
    }

    @Test
    void similarToKeepsRegexCharactersOutsideItsSyntaxLiteral() {
        Batch b = texts("a.c", "abc", "a$c", null, "ab", "abab");
        assertThat(eval(similar("a.c"), b)).containsExactly(true, false, false, null, false, false);
        assertThat(eval(similar("a$c"), b)).containsExactly(false, false, true, null, false, false);
        assertThat(eval(similar("(ab)+"), b)).containsExactly(false, false, false, null, true, true);
        assertThat(eval(similar("a[.b]c"), b)).containsExactly(true, true, false, null, false, false);
        assertThat(eval(similar("a_c|ab"), b)).containsExactly(true, true, true, null, true, false);
        assertThatThrownBy(() -> similar("a[b").evaluate(b)).isInstanceOf(JunctionException.class);
    }

    @Test
    void ilikeIgnoresCaseIncludingNonAscii() {
        Expression e = call(ScalarFunction.ILIKE, BOOLEAN, List.of(column(0, VARCHAR), literal("é%", VARCHAR)));
        assertThat(eval(e, texts("Élan", "elan", null))).containsExactly(true, false, null);
    }

    @Test
    void padAndTrimWorkOnCodePoints() {
        Batch b = texts("ab", "李雷x", "", null);
        assertThat(eval(call(ScalarFunction.LPAD, VARCHAR, List.of(column(0, VARCHAR), literal(4L, BIGINT), literal("*-", VARCHAR))), b))
                .containsExactly("*-ab", "*李雷x", "*-*-", null);
        assertThat(eval(call(ScalarFunction.RPAD, VARCHAR, List.of(column(0, VARCHAR), literal(2L, BIGINT))), b))
                .containsExactly("ab", "李雷", "  ", null);
        assertThat(eval(call(ScalarFunction.TRIM_CHARS, VARCHAR, List.of(literal("BOTH", VARCHAR), literal("xa李", VARCHAR), column(0, VARCHAR))), b))
                .containsExactly("b", "雷", "", null);
        assertThat(eval(call(ScalarFunction.TRIM_CHARS, VARCHAR, List.of(literal("TRAILING", VARCHAR), literal("b", VARCHAR), column(0, VARCHAR))), b))
                .containsExactly("a", "李雷x", "", null);
    }

    @Test
    void monthArithmeticClampsToTheLastDayOfTheMonth() {
        Batch b = batch(List.of(DATE, TIMESTAMP), List.of(row(LocalDate.of(2024, 1, 31), LocalDateTime.of(2023, 3, 31, 12, 30)), row(null, null)));
        Expression dates = call(ScalarFunction.ADD_MONTHS, DATE, List.of(column(0, DATE), literal(1L, BIGINT)));
        assertThat(eval(dates, b)).containsExactly(LocalDate.of(2024, 2, 29), null);
        Expression stamps = call(ScalarFunction.ADD_MONTHS, TIMESTAMP, List.of(column(1, TIMESTAMP), literal(-13L, BIGINT)));
        assertThat(eval(stamps, b)).containsExactly(LocalDateTime.of(2022, 2, 28, 12, 30), null);
        Expression micros = call(ScalarFunction.ADD_MICROS, TIMESTAMP, List.of(column(1, TIMESTAMP), literal(-86_400_000_000L * 31 - 1, BIGINT)));
        assertThat(eval(micros, b)).containsExactly(LocalDateTime.of(2023, 2, 28, 12, 29, 59, 999_999_000), null);
    }

    @Test
    void dateTruncToWeekStartsOnMonday() {
        Batch b = batch(List.of(TIMESTAMP), List.of(row(LocalDateTime.of(2024, 3, 3, 17, 5, 9)), row(LocalDateTime.of(1969, 12, 31, 23, 0))));
        assertThat(eval(call(ScalarFunction.DATE_TRUNC, TIMESTAMP, List.of(literal("week", VARCHAR), column(0, TIMESTAMP))), b))
                .containsExactly(LocalDateTime.of(2024, 2, 26, 0, 0), LocalDateTime.of(1969, 12, 29, 0, 0));
        assertThat(eval(call(ScalarFunction.DATE_TRUNC, TIMESTAMP, List.of(literal("quarter", VARCHAR), column(0, TIMESTAMP))), b))
                .containsExactly(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(1969, 10, 1, 0, 0));
    }

    @Test
    void floatingMathRaisesWhereTheResultIsUndefined() {
        Batch b = batch(List.of(DOUBLE), List.of(row(-4.0)));
        assertThat(eval(call(ScalarFunction.POWER, DOUBLE, List.of(column(0, DOUBLE), literal(2L, BIGINT))), b)).containsExactly(16.0);
        for (ScalarFunction f : List.of(ScalarFunction.SQRT, ScalarFunction.LN)) {
            assertThatThrownBy(() -> call(f, DOUBLE, List.of(column(0, DOUBLE))).evaluate(b))
                    .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE));
        }
        assertThatThrownBy(() -> call(ScalarFunction.POWER, DOUBLE, List.of(column(0, DOUBLE), literal(0.5, DOUBLE))).evaluate(b))
                .isInstanceOf(JunctionException.class);
        assertThat(eval(call(ScalarFunction.SIGN, JunctionType.decimal(5, 2), List.of(literal(new java.math.BigDecimal("-0.50"), JunctionType.decimal(5, 2)))), b))
                .containsExactly(new java.math.BigDecimal("-1.00"));
    }
}
