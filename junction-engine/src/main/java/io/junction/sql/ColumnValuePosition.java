package io.junction.sql;

import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.OptionalDouble;

/**
 * Where a value of a number or date column lies on one line, so that range estimates can measure the share of a
 * column's span a range covers: numbers as themselves, dates as days since 1970, timestamps as fractional days.
 * Statistics give minimum and maximum as the source's text; a SEARCH's range ends are Calcite's literal values.
 */
final class ColumnValuePosition {
    private ColumnValuePosition() {
    }

    /** The position of a literal value or of a statistic's text; empty for values of other types. */
    static OptionalDouble of(Object value) {
        return switch (value) {
            case Number n -> OptionalDouble.of(n.doubleValue());
            case DateString d -> OptionalDouble.of(d.getDaysSinceEpoch());
            case TimestampString t -> OptionalDouble.of(t.getMillisSinceEpoch() / 86_400_000.0);
            case String text -> ofText(text.strip());
            default -> OptionalDouble.empty();
        };
    }

    /** The position of a number, date or timestamp literal; empty for literals of other types. */
    static OptionalDouble ofLiteral(RexLiteral literal) {
        SqlTypeName type = literal.getTypeName();
        if (SqlTypeName.NUMERIC_TYPES.contains(type)) {
            return of(literal.getValueAs(BigDecimal.class));
        }
        return switch (type) {
            case DATE -> of(literal.getValueAs(DateString.class));
            case TIMESTAMP -> of(literal.getValueAs(TimestampString.class));
            default -> OptionalDouble.empty();
        };
    }

    /**
     * A statistic's text: a date, or a timestamp's date part (the day is precise enough for a share of the span), when
     * it starts as ISO dates do; else a number. Read for every range estimate, so the shape decides, not an exception.
     */
    private static OptionalDouble ofText(String text) {
        try {
            if (text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
                return OptionalDouble.of(LocalDate.parse(text.substring(0, 10)).toEpochDay());
            }
            return OptionalDouble.of(new BigDecimal(text).doubleValue());
        } catch (DateTimeParseException | NumberFormatException neither) {
            return OptionalDouble.empty();
        }
    }
}
