package io.junction.cli.output;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;

/**
 * Values as text for people and for CSV: SQL spellings (a blank between date and time, fractional
 * seconds only when present), decimals with all their digits and no exponent, bytes as {@code \x} hex.
 */
final class ValueText {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).toFormatter();
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd ").append(TIME).toFormatter();
    private static final DateTimeFormatter TIMESTAMP_TZ = new DateTimeFormatterBuilder()
            .append(TIMESTAMP).appendOffset("+HH:MM", "+00:00").toFormatter();

    private ValueText() {
    }

    /** The text of a non-null value. */
    static String of(Object value) {
        return switch (value) {
            case BigDecimal d -> d.toPlainString();
            case LocalDateTime ts -> TIMESTAMP.format(ts);
            case OffsetDateTime ts -> TIMESTAMP_TZ.format(ts);
            case LocalTime t -> TIME.format(t);
            case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
            default -> value.toString();
        };
    }
}
