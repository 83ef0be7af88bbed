package io.junction.connector.sqlite;

import io.junction.connector.OperatorCapabilities;
import io.junction.connector.SourceDialect;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;

/** SQLite as Calcite renders it. */
public final class SqliteDialect implements SourceDialect {
    public static final SqliteDialect INSTANCE = new SqliteDialect();

    /** SQLite lacks exact decimals and some functions. */
    private static final OperatorCapabilities CAPABILITIES = OperatorCapabilities.standard()
            // DECIMAL is stored as REAL or INTEGER: its arithmetic and averages are floating point
            .inexactDecimals().inexactAverages()
            // no EXTRACT, no POSITION; TRIM and SUBSTRING work but CHAR_LENGTH is length();
            // LIKE ignores ASCII case there, and UPPER/LOWER map ASCII letters only
            .without(SqlKind.EXTRACT, SqlKind.POSITION, SqlKind.LIKE)
            .withoutFunctions("CHAR_LENGTH", "CHARACTER_LENGTH", "UPPER", "LOWER")
            .build();

    @Override
    public SqlDialect calciteDialect() {
        return SqliteCalciteDialect.INSTANCE;
    }

    /**
     * Also refuses anything over TIME and TIMESTAMP values: SQLite keeps them as text whose fraction has
     * any number of digits, so text comparison ('…12:00:00' vs '…12:00:00.000000') is not time order.
     * Dates have one fixed-width form and compare correctly as text.
     */
    @Override
    public boolean canEvaluate(SqlOperator operator, List<RelDataType> operandTypes, RelDataType resultType) {
        for (RelDataType t : operandTypes) {
            if (t.getSqlTypeName() == SqlTypeName.TIMESTAMP || t.getSqlTypeName() == SqlTypeName.TIME) {
                return false;
            }
        }
        return CAPABILITIES.canEvaluate(operator, operandTypes, resultType);
    }
}
