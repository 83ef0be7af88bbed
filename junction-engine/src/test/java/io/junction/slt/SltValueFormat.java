package io.junction.slt;

import io.junction.types.JunctionType;
import io.junction.types.TypeKind;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How result values are printed in {@code .slt} files, and which result types each type letter accepts.
 * The rules are documented in {@code slt/README.md}; in short: NULL as {@code NULL}, the empty string as
 * {@code (empty)}, tab/newline/carriage return inside text as {@code \t \n \r}, decimals exactly without
 * trailing fractional zeros (result scales differ between engines; values must not), doubles to 12 significant digits, dates and times
 * in ISO form with a space between date and time.
 */
final class SltValueFormat {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd ").append(TIME).toFormatter(Locale.ROOT);
    private static final MathContext DOUBLE_DIGITS = new MathContext(12, RoundingMode.HALF_EVEN);

    private SltValueFormat() {
    }

    /** Why a column of {@code type} cannot be declared with {@code letter}, or null when it can. */
    static String typeMismatch(char letter, JunctionType type) {
        TypeKind kind = type.kind();
        boolean ok = switch (letter) {
            case 'I' -> kind == TypeKind.TINYINT || kind == TypeKind.SMALLINT || kind == TypeKind.INTEGER || kind == TypeKind.BIGINT;
            case 'R' -> kind == TypeKind.REAL || kind == TypeKind.DOUBLE || kind == TypeKind.DECIMAL;
            case 'B' -> kind == TypeKind.BOOLEAN;
            case 'T' -> true;
            default -> false;
        };
        return ok || kind == TypeKind.NULL ? null : "declared " + letter + " but the result type is " + type;
    }

    static String format(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String s -> s.isEmpty() ? "(empty)" : s.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
            case BigDecimal d -> d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            case Double d -> formatDouble(d);
            case Float f -> formatDouble(f.doubleValue());
            case LocalTime t -> TIME.format(t);
            case LocalDateTime t -> TIMESTAMP.format(t);
            case OffsetDateTime t -> TIMESTAMP.format(t.withOffsetSameInstant(ZoneOffset.UTC)) + "+00";
            case byte[] b -> "\\x" + HexFormat.of().formatHex(b);
            default -> value.toString();
        };
    }

    private static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(DOUBLE_DIGITS).stripTrailingZeros();
        double magnitude = Math.abs(d);
        if (magnitude >= 1e16 || magnitude < 1e-7) {
            return rounded.toString();
        }
        return rounded.toPlainString();
    }
}
