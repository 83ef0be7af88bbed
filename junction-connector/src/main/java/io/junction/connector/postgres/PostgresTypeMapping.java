package io.junction.connector.postgres;

import io.junction.connector.jdbc.JdbcColumn;
import io.junction.types.JunctionType;

/**
 * PostgreSQL types to Junction types, keyed on {@code pg_type.typname} (domains resolved to their base
 * type; enums, arrays and composites reported as {@code enum}, {@code array}, {@code composite}).
 * See docs/type-mapping.md for the reasoning behind each choice.
 */
final class PostgresTypeMapping {
    /**
     * Scale given to {@code numeric} declared without precision: such a column may hold any number, and
     * ten fractional digits keep typical amounts and ratios exact while leaving 28 integer digits.
     */
    static final int UNCONSTRAINED_NUMERIC_SCALE = 10;

    private PostgresTypeMapping() {
    }

    static JunctionType map(JdbcColumn column) {
        return switch (column.baseType()) {
            case "bool" -> JunctionType.BOOLEAN;
            case "int2" -> JunctionType.SMALLINT;
            case "int4" -> JunctionType.INTEGER;
            case "int8", "oid" -> JunctionType.BIGINT;
            case "float4" -> JunctionType.REAL;
            case "float8" -> JunctionType.DOUBLE;
            case "numeric" -> numeric(column);
            case "bpchar" -> column.precision() > 0 ? JunctionType.chr(column.precision()) : JunctionType.chr(1);
            case "varchar" -> column.precision() > 0 ? JunctionType.varchar(column.precision()) : JunctionType.VARCHAR;
            case "text", "name", "char", "citext", "enum", "inet", "cidr", "macaddr", "macaddr8", "xml", "bit", "varbit" ->
                    JunctionType.VARCHAR;
            case "date" -> JunctionType.DATE;
            case "time" -> JunctionType.TIME;
            case "timestamp" -> JunctionType.TIMESTAMP;
            case "timestamptz" -> JunctionType.TIMESTAMP_TZ;
            case "uuid" -> JunctionType.UUID;
            case "json", "jsonb" -> JunctionType.JSON;
            case "bytea" -> JunctionType.VARBINARY;
            // interval, timetz, money, arrays, composites, ranges, geometry: no Junction type holds them.
            default -> null;
        };
    }

    private static JunctionType numeric(JdbcColumn column) {
        if (column.precision() == JdbcColumn.UNDECLARED) {
            return JunctionType.decimal(JunctionType.MAX_DECIMAL_PRECISION, UNCONSTRAINED_NUMERIC_SCALE);
        }
        if (column.precision() > JunctionType.MAX_DECIMAL_PRECISION || column.scale() < 0 || column.scale() > column.precision()) {
            return null;
        }
        return JunctionType.decimal(column.precision(), column.scale());
    }
}
