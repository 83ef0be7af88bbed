package io.junction.connector.duckdb;

import io.junction.connector.OperatorCapabilities;
import io.junction.connector.SourceDialect;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlOperator;

import java.util.List;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/** DuckDB as Calcite renders it. */
public final class DuckDbDialect implements SourceDialect {
    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    /** DuckDB's / on integers and on decimals gives a double, and its AVG is a double. */
    private static final OperatorCapabilities CAPABILITIES = OperatorCapabilities.standard().fractionalIntegerDivision()
            .inexactDecimalDivision().inexactAverages().withFunctions("ILIKE").build();

    @Override
    public SqlDialect calciteDialect() {
        return DuckDBSqlDialect.DEFAULT;
    }

    @Override
    public boolean canEvaluate(SqlOperator operator, List<RelDataType> operandTypes, RelDataType resultType) {
        return CAPABILITIES.canEvaluate(operator, operandTypes, resultType);
    }
}
