package io.junction.connector.csv;

import io.junction.types.JunctionType;
import io.junction.types.TemporalEncoding;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Turns the text of one CSV field into a value of a column's type. Text columns keep the field as
 * written; every other type ignores surrounding blanks. Fails with {@link IllegalArgumentException}
 * (or one of its subclasses) when the text is not a value of the type, leaving the caller to say where.
 */
final class CsvFieldDecoder {
    private CsvFieldDecoder() {
    }

    static void decode(String text, Vector target, int row) {
        JunctionType type = target.type();
        if (type.kind().isText()) {
            ((StringVector) target).set(row, text);
            return;
        }
        String t = text.strip();
        switch (type.kind()) {
            case TINYINT -> ((LongVector) target).set(row, ranged(t, Byte.MIN_VALUE, Byte.MAX_VALUE));
            case SMALLINT -> ((LongVector) target).set(row, ranged(t, Short.MIN_VALUE, Short.MAX_VALUE));
            case INTEGER -> ((LongVector) target).set(row, ranged(t, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case BIGINT -> ((LongVector) target).set(row, Long.parseLong(t));
            case REAL, DOUBLE -> ((DoubleVector) target).set(row, Double.parseDouble(t));
            case DECIMAL -> ((DecimalVector) target).set(row, decimal(t, type));
            case BOOLEAN -> ((BooleanVector) target).set(row, bool(t));
            case DATE -> ((LongVector) target).set(row, TemporalEncoding.encodeDate(LocalDate.parse(t)));
            case TIME -> ((LongVector) target).set(row, TemporalEncoding.encodeTime(LocalTime.parse(t)));
            case TIMESTAMP -> ((LongVector) target).set(row, TemporalEncoding.encodeTimestamp(timestamp(t)));
            case TIMESTAMP_TZ -> ((LongVector) target).set(row, TemporalEncoding.encodeInstant(timestampTz(t).toInstant()));
            default -> throw new IllegalArgumentException("csv files cannot hold " + type + " values");
        }
    }

    /** A date-time written with either 'T' or a blank between date and time; a bare date is its midnight. */
    static LocalDateTime timestamp(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay();
        }
        return LocalDateTime.parse(withT(text), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    static OffsetDateTime timestampTz(String text) {
        return OffsetDateTime.parse(withT(text), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String withT(String text) {
        return text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    }

    private static long ranged(String text, long min, long max) {
        long v = Long.parseLong(text);
        if (v < min || v > max) {
            throw new IllegalArgumentException("out of range");
        }
        return v;
    }

    /** Exact decimals only: a value with more fractional or integer digits than the type holds is refused, never rounded. */
    private static BigDecimal decimal(String text, JunctionType type) {
        BigDecimal v = new BigDecimal(text);
        if (v.scale() > type.scale()) {
            v = v.stripTrailingZeros();
            if (v.scale() > type.scale()) {
                throw new IllegalArgumentException("too many fractional digits");
            }
        }
        v = v.setScale(type.scale());
        if (v.precision() > type.precision()) {
            throw new IllegalArgumentException("too many digits");
        }
        return v;
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> true;
            case "false", "f", "no", "n", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }
}
