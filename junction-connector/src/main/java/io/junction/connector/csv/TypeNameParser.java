package io.junction.connector.csv;

import io.junction.types.JunctionType;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the type names users write in catalog overrides ({@code "DECIMAL(10,2)"}, {@code "varchar"},
 * {@code "timestamp with time zone"}) into Junction types.
 */
final class TypeNameParser {
    private static final Pattern NAME = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    private TypeNameParser() {
    }

    /** The type named by {@code text}; {@link IllegalArgumentException} saying which names are accepted otherwise. */
    static JunctionType parse(String text) {
        Matcher m = NAME.matcher(text);
        if (!m.matches()) {
            throw unknown(text);
        }
        String name = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        Integer first = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer second = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        if (second != null && !(name.equals("DECIMAL") || name.equals("NUMERIC"))) {
            throw unknown(text);
        }
        return switch (name) {
            case "BIGINT", "INT8" -> plain(JunctionType.BIGINT, first, text);
            case "INTEGER", "INT", "INT4" -> plain(JunctionType.INTEGER, first, text);
            case "SMALLINT", "INT2" -> plain(JunctionType.SMALLINT, first, text);
            case "TINYINT" -> plain(JunctionType.TINYINT, first, text);
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8" -> plain(JunctionType.DOUBLE, first, text);
            case "REAL", "FLOAT4" -> plain(JunctionType.REAL, first, text);
            case "BOOLEAN", "BOOL" -> plain(JunctionType.BOOLEAN, first, text);
            case "DATE" -> plain(JunctionType.DATE, first, text);
            case "TIME" -> plain(JunctionType.TIME, first, text);
            case "TIMESTAMP" -> plain(JunctionType.TIMESTAMP, first, text);
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> plain(JunctionType.TIMESTAMP_TZ, first, text);
            case "VARCHAR", "TEXT", "STRING", "CHARACTER VARYING" -> first == null ? JunctionType.VARCHAR : JunctionType.varchar(first);
            case "DECIMAL", "NUMERIC" -> decimal(first, second, text);
            default -> throw unknown(text);
        };
    }

    private static JunctionType plain(JunctionType type, Integer length, String text) {
        if (length != null) {
            throw unknown(text);
        }
        return type;
    }

    private static JunctionType decimal(Integer precision, Integer scale, String text) {
        int p = precision == null ? JunctionType.MAX_DECIMAL_PRECISION : precision;
        int s = scale == null ? 0 : scale;
        if (p < 1 || p > JunctionType.MAX_DECIMAL_PRECISION || s > p) {
            throw new IllegalArgumentException("invalid type '" + text + "': DECIMAL precision must be 1 to "
                    + JunctionType.MAX_DECIMAL_PRECISION + " and the scale at most the precision");
        }
        return JunctionType.decimal(p, s);
    }

    private static IllegalArgumentException unknown(String text) {
        return new IllegalArgumentException("unknown type '" + text + "'; use one of BIGINT, INTEGER, SMALLINT, DOUBLE, REAL, "
                + "DECIMAL(p,s), VARCHAR, BOOLEAN, DATE, TIME, TIMESTAMP, TIMESTAMP WITH TIME ZONE");
    }
}
