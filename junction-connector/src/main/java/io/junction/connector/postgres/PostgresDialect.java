package io.junction.connector.postgres;

import io.junction.connector.OperatorCapabilities;
import io.junction.connector.SourceDialect;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;

import io.junction.types.JunctionType;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;

/** PostgreSQL as Calcite renders it. */
public final class PostgresDialect implements SourceDialect {
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    /** PostgreSQL computes these like Junction: integer division truncates, numeric is exact. */
    private static final OperatorCapabilities CAPABILITIES = OperatorCapabilities.standard().with(SqlKind.SIMILAR).withFunctions("ILIKE").build();

    @Override
    public SqlDialect calciteDialect() {
        return PostgresqlSqlDialect.DEFAULT;
    }

    @Override
    public boolean postgresEdgeValues() {
        return true;
    }

    @Override
    public boolean canEvaluate(SqlOperator operator, List<RelDataType> operandTypes, RelDataType resultType) {
        return CAPABILITIES.canEvaluate(operator, operandTypes, resultType);
    }

    /**
     * Integer keys travel as int8 (PostgreSQL compares int2/int4/int8 across widths, and an index on the column still
     * serves {@code IN (SELECT * FROM unnest(…))}); text as text or bpchar, so the comparison is the one a text literal would get.
     */
    @Override
    public Optional<String> keyArrayElementType(JunctionType keyType) {
        if (keyType.kind().isInteger()) {
            return Optional.of("int8");
        }
        return switch (keyType.kind()) {
            case DECIMAL -> Optional.of("numeric");
            case VARCHAR -> Optional.of("text");
            case CHAR -> Optional.of("bpchar");
            case DATE -> Optional.of("date");
            default -> Optional.empty();
        };
    }
}
