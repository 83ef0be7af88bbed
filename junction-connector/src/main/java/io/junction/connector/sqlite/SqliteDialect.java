package io.junction.connector.sqlite;

import io.junction.connector.OperatorCapabilities;
import io.junction.connector.SourceDialect;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;

import java.util.List;

/** SQLite as Calcite renders it. */
public final class SqliteDialect implements SourceDialect {
    public static final SqliteDialect INSTANCE = new SqliteDialect();

    /** SQLite lacks exact decimals and some functions. */
    private static final OperatorCapabilities CAPABILITIES = OperatorCapabilities.standard()
            // DECIMAL is stored as REAL or INTEGER: its arithmetic and averages are floating point
            .inexactDecimals().inexactAverages()
            // no EXTRACT, no POSITION; TRIM and SUBSTRING work but CHAR_LENGTH is length()
            .without(SqlKind.EXTRACT, SqlKind.POSITION).withoutFunctions("CHAR_LENGTH", "CHARACTER_LENGTH")
            .build();

    @Override
    public SqlDialect calciteDialect() {
        return SqliteCalciteDialect.INSTANCE;
    }

    @Override
    public boolean canEvaluate(SqlOperator operator, List<RelDataType> operandTypes, RelDataType resultType) {
        return CAPABILITIES.canEvaluate(operator, operandTypes, resultType);
    }
}
