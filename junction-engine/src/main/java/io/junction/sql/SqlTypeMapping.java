package io.junction.sql;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Converts between Junction's types and the types Calcite validates with. */
public final class SqlTypeMapping {
    private SqlTypeMapping() {
    }

    /** Calcite type for a source column; {@code null} (unmappable) becomes ANY so the table still validates. */
    public static RelDataType toRelType(RelDataTypeFactory factory, JunctionType type, boolean nullable) {
        RelDataType t = type == null ? factory.createSqlType(SqlTypeName.ANY) : switch (type.kind()) {
            case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
            case TINYINT -> factory.createSqlType(SqlTypeName.TINYINT);
            case SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
            case REAL -> factory.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
            case CHAR -> type.precision() == JunctionType.UNBOUNDED
                    ? factory.createSqlType(SqlTypeName.VARCHAR)
                    : factory.createSqlType(SqlTypeName.CHAR, type.precision());
            case VARCHAR, JSON -> type.precision() == JunctionType.UNBOUNDED
                    ? factory.createSqlType(SqlTypeName.VARCHAR)
                    : factory.createSqlType(SqlTypeName.VARCHAR, type.precision());
            case UUID -> factory.createSqlType(SqlTypeName.UUID);
            case DATE -> factory.createSqlType(SqlTypeName.DATE);
            case TIME -> factory.createSqlType(SqlTypeName.TIME, 6);
            case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 6);
            case TIMESTAMP_TZ -> factory.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6);
            case VARBINARY -> type.precision() == JunctionType.UNBOUNDED
                    ? factory.createSqlType(SqlTypeName.VARBINARY)
                    : factory.createSqlType(SqlTypeName.VARBINARY, type.precision());
            case NULL -> factory.createSqlType(SqlTypeName.NULL);
        };
        return factory.createTypeWithNullability(t, nullable);
    }

    /** Junction type for a validated Calcite type; a type the engine cannot carry is UNSUPPORTED_TYPE. */
    public static JunctionType toJunctionType(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case BOOLEAN -> JunctionType.BOOLEAN;
            case TINYINT -> JunctionType.TINYINT;
            case SMALLINT -> JunctionType.SMALLINT;
            case INTEGER -> JunctionType.INTEGER;
            case BIGINT -> JunctionType.BIGINT;
            case REAL -> JunctionType.REAL;
            case FLOAT, DOUBLE -> JunctionType.DOUBLE;
            case DECIMAL -> JunctionType.decimal(Math.max(1, type.getPrecision()), type.getScale());
            case CHAR -> JunctionType.chr(type.getPrecision());
            case VARCHAR -> type.getPrecision() <= 0 || type.getPrecision() == Integer.MAX_VALUE
                    ? JunctionType.VARCHAR : JunctionType.varchar(type.getPrecision());
            case UUID -> JunctionType.UUID;
            case DATE -> JunctionType.DATE;
            case TIME -> JunctionType.TIME;
            case TIMESTAMP -> JunctionType.TIMESTAMP;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> JunctionType.TIMESTAMP_TZ;
            case BINARY, VARBINARY -> JunctionType.VARBINARY;
            case NULL -> JunctionType.NULL;
            default -> throw new JunctionException(ErrorCode.UNSUPPORTED_TYPE,
                    "values of type " + type.getFullTypeString() + " are not supported by Junction's engine yet");
        };
    }
}
