package io.junction.sql;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
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

    /** DECIMAL(p,s) rounds into DECIMAL(p+1,s): rounding can carry into one more integer digit (9.99 → 10.0). */
    private static final SqlReturnTypeInference ROUND_TYPE = ReturnTypes.cascade(binding -> {
        RelDataType value = binding.getOperandType(0);
        if (value.getSqlTypeName() != SqlTypeName.DECIMAL) {
            return value;
        }
        int precision = Math.min(binding.getTypeFactory().getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL), value.getPrecision() + 1);
        return binding.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, precision, value.getScale());
    }, SqlTypeTransforms.TO_NULLABLE);

    /**
     * round(x[, digits]) as PostgreSQL types it for exact numbers (see ROUND_TYPE); it shadows Calcite's ROUND,
     * which keeps x's type and so overflows where PostgreSQL answers.
     */
    public static final SqlFunction ROUND = new SqlFunction("ROUND", SqlKind.OTHER_FUNCTION, ROUND_TYPE, null,
            OperandTypes.NUMERIC_OPTIONAL_INTEGER, SqlFunctionCategory.NUMERIC);

    static final SqlOperatorTable TABLE = SqlOperatorTables.of(DATE_TRUNC, ROUND);

    private PostgresFunctions() {
    }
}
