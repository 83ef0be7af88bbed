package io.junction.sql;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.SqlOperatorTable;

/**
 * PostgreSQL functions that Calcite's libraries spell differently. {@code date_trunc('month', ts)} takes
 * the unit as text first (Calcite's DATE_TRUNC is BigQuery's, with the value first and a bare unit).
 */
public final class PostgresFunctions {
    /** date_trunc(unit text, value): the value (DATE or TIMESTAMP) truncated to the unit, of the value's type. */
    public static final SqlFunction DATE_TRUNC = new SqlFunction("DATE_TRUNC", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG1_NULLABLE, null,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME),
            SqlFunctionCategory.TIMEDATE);

    static final SqlOperatorTable TABLE = SqlOperatorTables.of(DATE_TRUNC);

    private PostgresFunctions() {
    }
}
