package io.junction.connector.mysql;

import io.junction.connector.jdbc.JdbcColumn;
import io.junction.types.JunctionType;

/**
 * MariaDB/MySQL types to Junction types, keyed on information_schema.COLUMNS.DATA_TYPE plus
 * {@code " unsigned"} for unsigned integers, {@code "json"} for MariaDB's checked LONGTEXT and
 * {@code "tinyint(1)"} for booleans. See docs/type-mapping.md.
 */
final class MysqlTypeMapping {
    private MysqlTypeMapping() {
    }

    static JunctionType map(JdbcColumn column) {
        return switch (column.baseType()) {
            case "tinyint(1)" -> JunctionType.BOOLEAN;
            case "tinyint" -> JunctionType.TINYINT;
            // Unsigned integers take the next wider type so that their upper half still fits.
            case "tinyint unsigned", "smallint" -> JunctionType.SMALLINT;
            case "smallint unsigned", "mediumint", "mediumint unsigned", "int" -> JunctionType.INTEGER;
            case "int unsigned", "bigint" -> JunctionType.BIGINT;
            case "bigint unsigned" -> JunctionType.decimal(20, 0);
            case "decimal", "decimal unsigned" -> decimal(column);
            case "float", "float unsigned" -> JunctionType.REAL;
            case "double", "double unsigned" -> JunctionType.DOUBLE;
            case "bit" -> column.precision() == 1 ? JunctionType.BOOLEAN : null;
            case "year" -> JunctionType.SMALLINT;
            case "char" -> JunctionType.chr(column.precision());
            case "varchar" -> JunctionType.varchar(column.precision());
            case "tinytext", "text", "mediumtext", "longtext", "enum", "set", "inet4", "inet6" -> JunctionType.VARCHAR;
            case "json" -> JunctionType.JSON;
            case "uuid" -> JunctionType.UUID;
            case "date" -> JunctionType.DATE;
            case "time" -> JunctionType.TIME;
            case "datetime" -> JunctionType.TIMESTAMP;
            // TIMESTAMP is stored in UTC and shown in the session's zone, which Junction pins to UTC.
            case "timestamp" -> JunctionType.TIMESTAMP_TZ;
            case "binary" -> JunctionType.varbinary(column.precision());
            case "varbinary" -> JunctionType.varbinary(column.precision());
            case "tinyblob", "blob", "mediumblob", "longblob" -> JunctionType.VARBINARY;
            // geometry types and anything newer: no Junction type holds them.
            default -> null;
        };
    }

    private static JunctionType decimal(JdbcColumn column) {
        if (column.precision() < 1 || column.precision() > JunctionType.MAX_DECIMAL_PRECISION) {
            return null;
        }
        return JunctionType.decimal(column.precision(), Math.max(column.scale(), 0));
    }
}
