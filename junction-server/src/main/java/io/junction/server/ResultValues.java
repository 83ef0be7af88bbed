package io.junction.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.junction.types.JunctionType;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * How result values appear in JSON and CSV. JSON: integers and doubles as numbers (NaN and infinities,
 * which JSON cannot hold, as the strings "NaN", "Infinity", "-Infinity"), DECIMAL as a string with its
 * exact digits, dates, times and timestamps as ISO-8601 strings (TIMESTAMP WITH TIME ZONE in UTC with
 * "Z"), binary as base64, booleans as booleans, NULL as null. CSV uses the same text forms, NULL empty.
 */
final class ResultValues {
    private ResultValues() {
    }

    static void write(JsonGenerator out, JunctionType type, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
            return;
        }
        switch (type.kind()) {
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> out.writeNumber(((Number) value).longValue());
            case REAL, DOUBLE -> {
                double d = ((Number) value).doubleValue();
                if (Double.isFinite(d)) {
                    if (value instanceof Float f) {
                        // the float's own shortest decimal form, not that of its widened double
                        out.writeNumber(new BigDecimal(Float.toString(f)));
                    } else {
                        out.writeNumber(d);
                    }
                } else {
                    out.writeString(text(type, value));
                }
            }
            default -> out.writeString(text(type, value));
        }
    }

    /** The value as text (JSON strings and CSV fields); null for NULL. */
    static String text(JunctionType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case BigDecimal d -> d.toPlainString();
            case Double d when d.isNaN() -> "NaN";
            case Double d when d.isInfinite() -> d > 0 ? "Infinity" : "-Infinity";
            case Float f when f.isNaN() -> "NaN";
            case Float f when f.isInfinite() -> f > 0 ? "Infinity" : "-Infinity";
            case LocalDate d -> DateTimeFormatter.ISO_LOCAL_DATE.format(d);
            case LocalTime t -> DateTimeFormatter.ISO_LOCAL_TIME.format(t);
            case LocalDateTime t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
            case OffsetDateTime t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
            case byte[] b -> Base64.getEncoder().encodeToString(b);
            default -> value.toString();
        };
    }
}
