package io.junction.connector.csv;

import io.junction.connector.SourceConfig;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of a CSV source beyond its path, read from the catalog:
 * <pre>
 * files:
 *   type: csv
 *   path: ./data
 *   sample_rows: 1000          # rows read to infer column types
 *   null_string: "\N"          # a further NULL marker besides the empty field (or a list of them)
 *   delimiter: ","             # one character
 *   types:                     # overrides of inferred types
 *     orders: { amount: "DECIMAL(10,2)", zip: VARCHAR }
 * </pre>
 */
record CsvOptions(int sampleRows, Set<String> nullMarkers, char delimiter, Map<String, Map<String, JunctionType>> typeOverrides) {
    static final int DEFAULT_SAMPLE_ROWS = 1000;
    private static final Set<String> KNOWN = Set.of("sample_rows", "null_string", "delimiter", "types");

    static CsvOptions of(SourceConfig config) {
        String where = "csv source '" + config.name() + "'";
        Map<String, Object> options = config.options();
        for (String key : options.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": unknown setting '" + key
                        + "'; a csv source accepts path, sample_rows, null_string, delimiter and types");
            }
        }
        return new CsvOptions(sampleRows(options.get("sample_rows"), where), nullMarkers(options.get("null_string"), where),
                delimiter(options.get("delimiter"), where), overrides(options.get("types"), where));
    }

    static CsvOptions defaults() {
        return new CsvOptions(DEFAULT_SAMPLE_ROWS, Set.of(""), ',', Map.of());
    }

    /** Whether a field's raw text stands for NULL. */
    boolean isNull(String field) {
        return nullMarkers.contains(field);
    }

    /** The configured type of a column, or null when it is to be inferred. */
    JunctionType override(String table, String column) {
        Map<String, JunctionType> columns = typeOverrides.get(table);
        return columns == null ? null : columns.get(column);
    }

    private static int sampleRows(Object value, String where) {
        if (value == null) {
            return DEFAULT_SAMPLE_ROWS;
        }
        try {
            int rows = value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
            if (rows >= 1) {
                return rows;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted form
        }
        throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": sample_rows must be a positive whole number, got '" + value + "'");
    }

    private static Set<String> nullMarkers(Object value, String where) {
        Set<String> markers = new LinkedHashSet<>();
        markers.add("");
        if (value instanceof List<?> list) {
            list.forEach(v -> markers.add(String.valueOf(v)));
        } else if (value instanceof Map<?, ?>) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": null_string must be a string or a list of strings");
        } else if (value != null) {
            markers.add(value.toString());
        }
        return Set.copyOf(markers);
    }

    private static char delimiter(Object value, String where) {
        if (value == null) {
            return ',';
        }
        String text = value.toString();
        if (text.equals("\\t")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": delimiter must be one character (or \\t), got '" + text + "'");
        }
        return text.charAt(0);
    }

    private static Map<String, Map<String, JunctionType>> overrides(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> tables)) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": types must map table names to { column: TYPE } maps");
        }
        Map<String, Map<String, JunctionType>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> table : tables.entrySet()) {
            if (!(table.getValue() instanceof Map<?, ?> columns)) {
                throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": types." + table.getKey()
                        + " must map column names to type names, e.g. { amount: \"DECIMAL(10,2)\" }");
            }
            Map<String, JunctionType> types = new LinkedHashMap<>();
            for (Map.Entry<?, ?> column : columns.entrySet()) {
                try {
                    types.put(column.getKey().toString(), TypeNameParser.parse(String.valueOf(column.getValue())));
                } catch (IllegalArgumentException e) {
                    throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ", types." + table.getKey() + "."
                            + column.getKey() + ": " + e.getMessage(), e);
                }
            }
            out.put(table.getKey().toString(), Map.copyOf(types));
        }
        return Map.copyOf(out);
    }
}
