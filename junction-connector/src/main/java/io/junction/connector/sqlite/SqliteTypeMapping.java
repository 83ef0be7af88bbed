package io.junction.connector.sqlite;

import io.junction.connector.jdbc.JdbcColumn;
import io.junction.types.JunctionType;

/**
 * SQLite's declared types to Junction types. SQLite stores any value in any column, so the declared type
 * only says what the column was meant to hold; Junction follows SQLite's own affinity rules (section
 * 3.1 of "Datatypes In SQLite") and refines the NUMERIC affinity by the names that conventionally carry
 * decimals, dates and booleans. The key is the declared type in upper case without its arguments.
 */
final class SqliteTypeMapping {
    private SqliteTypeMapping() {
    }

    static JunctionType map(JdbcColumn column) {
        String declared = column.baseType();
        // Affinity rules, in SQLite's order of precedence.
        if (declared.contains("INT")) {
            return JunctionType.BIGINT;
        }
        if (declared.contains("CHAR") || declared.contains("CLOB") || declared.contains("TEXT")) {
            return JunctionType.VARCHAR;
        }
        if (declared.contains("BLOB")) {
            return JunctionType.VARBINARY;
        }
        if (declared.isEmpty()) {
            // No declared type: the column may mix numbers, text and blobs; no one Junction type fits.
            return null;
        }
        if (declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB")) {
            return JunctionType.DOUBLE;
        }
        // NUMERIC affinity: the name tells what kind of value the application keeps.
        return switch (declared) {
            case "BOOLEAN", "BOOL" -> JunctionType.BOOLEAN;
            case "DATE" -> JunctionType.DATE;
            case "TIME" -> JunctionType.TIME;
            case "DATETIME", "TIMESTAMP" -> JunctionType.TIMESTAMP;
            case "UUID" -> JunctionType.UUID;
            case "JSON" -> JunctionType.JSON;
            case "DECIMAL", "NUMERIC" -> decimal(column);
            default -> null;
        };
    }

    private static JunctionType decimal(JdbcColumn column) {
        if (column.precision() == JdbcColumn.UNDECLARED) {
            return JunctionType.decimal(JunctionType.MAX_DECIMAL_PRECISION, 10);
        }
        if (column.precision() < 1 || column.precision() > JunctionType.MAX_DECIMAL_PRECISION || column.scale() > column.precision()) {
            return null;
        }
        return JunctionType.decimal(column.precision(), Math.max(column.scale(), 0));
    }
}
