package io.junction.connector.postgres;

import io.junction.connector.OperatorCapabilities;
import io.junction.connector.SourceDialect;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;

import java.util.List;
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
    public boolean canEvaluate(SqlOperator operator, List<RelDataType> operandTypes, RelDataType resultType) {
        return CAPABILITIES.canEvaluate(operator, operandTypes, resultType);
    }
}
