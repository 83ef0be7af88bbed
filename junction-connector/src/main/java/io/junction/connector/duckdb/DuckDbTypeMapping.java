package io.junction.connector.duckdb;

import io.junction.connector.jdbc.JdbcColumn;
import io.junction.types.JunctionType;

/**
 * DuckDB types to Junction types, keyed on duckdb_columns().data_type in upper case without arguments
 * (nested types keep their whole spelling and fall to "no mapping"). See docs/type-mapping.md.
 */
final class DuckDbTypeMapping {
    private DuckDbTypeMapping() {
    }

    static JunctionType map(JdbcColumn column) {
        return switch (column.baseType()) {
            case "BOOLEAN" -> JunctionType.BOOLEAN;
            case "TINYINT" -> JunctionType.TINYINT;
            case "SMALLINT", "UTINYINT" -> JunctionType.SMALLINT;
            case "INTEGER", "USMALLINT" -> JunctionType.INTEGER;
            case "BIGINT", "UINTEGER" -> JunctionType.BIGINT;
            case "HUGEINT" -> JunctionType.decimal(38, 0);
            case "UBIGINT" -> JunctionType.decimal(20, 0);
            case "FLOAT" -> JunctionType.REAL;
            case "DOUBLE" -> JunctionType.DOUBLE;
            case "DECIMAL" -> column.precision() >= 1 && column.precision() <= JunctionType.MAX_DECIMAL_PRECISION
                    ? JunctionType.decimal(column.precision(), Math.max(column.scale(), 0)) : null;
            case "VARCHAR", "ENUM" -> JunctionType.VARCHAR;
            case "DATE" -> JunctionType.DATE;
            case "TIME" -> JunctionType.TIME;
            // Coarser timestamps widen exactly to microseconds; TIMESTAMP_NS would lose its nanoseconds.
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS" -> JunctionType.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> JunctionType.TIMESTAMP_TZ;
            case "UUID" -> JunctionType.UUID;
            case "JSON" -> JunctionType.JSON;
            case "BLOB" -> JunctionType.VARBINARY;
            // UHUGEINT, TIMESTAMP_NS, TIME WITH TIME ZONE, INTERVAL, BIT, BIGNUM, LIST, ARRAY, STRUCT, MAP, UNION.
            default -> null;
        };
    }
}
