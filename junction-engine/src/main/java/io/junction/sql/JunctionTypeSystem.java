package io.junction.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type rules adjusted to what users of PostgreSQL expect, since federated results are
 * checked against the same query run in one database: SUM of integers is BIGINT (not the argument
 * type, which overflows) and SUM of BIGINT is DECIMAL(38,0), SUM of DECIMAL(p,s) is DECIMAL(38,s), AVG of exact numbers is an exact
 * DECIMAL, times keep microseconds, and CASE/UNION of texts of different lengths is VARCHAR (not a
 * blank-padded CHAR).
 */
public final class JunctionTypeSystem extends RelDataTypeSystemImpl {
    public static final JunctionTypeSystem INSTANCE = new JunctionTypeSystem();
    /** Digits after the point of AVG over exact numbers; PostgreSQL shows at least 16 for integers. */
    static final int AVG_SCALE = 6;
    private static final int MAX_DECIMAL = 38;

    private JunctionTypeSystem() {
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case DECIMAL -> MAX_DECIMAL;
            case TIME, TIME_WITH_LOCAL_TIME_ZONE, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ, TIME_TZ -> 6;
            default -> super.getMaxPrecision(typeName);
        };
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxScale(typeName);
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case TIME, TIME_WITH_LOCAL_TIME_ZONE, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ, TIME_TZ -> 6;
            default -> super.getDefaultPrecision(typeName);
        };
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory factory, RelDataType argumentType) {
        RelDataType type = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER -> factory.createSqlType(SqlTypeName.BIGINT);
            // PostgreSQL sums BIGINTs as NUMERIC: 2^63 is not an overflow
            case BIGINT -> factory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, 0);
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, argumentType.getScale());
            case REAL, FLOAT, DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
            default -> super.deriveSumType(factory, argumentType);
        };
        return factory.createTypeWithNullability(type, argumentType.isNullable());
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory factory, RelDataType argumentType) {
        RelDataType type = switch (argumentType.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> factory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, AVG_SCALE);
            case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, Math.max(AVG_SCALE, argumentType.getScale()));
            case REAL, FLOAT, DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
            default -> super.deriveAvgAggType(factory, argumentType);
        };
        return factory.createTypeWithNullability(type, argumentType.isNullable());
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
