package io.junction.connector.mysql;

import io.junction.connector.OperatorCapabilities;
import io.junction.connector.SourceDialect;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;

/**
 * MariaDB and MySQL as Calcite renders them. Calcite has no MariaDB dialect; MariaDB 10.x speaks the
 * MySQL 8 subset Calcite generates (window functions, CTEs), so the MySQL dialect is given major
 * version 8 to unlock those renderings.
 */
public final class MysqlDialect implements SourceDialect {
    public static final MysqlDialect INSTANCE = new MysqlDialect();

    /** MariaDB/MySQL differ on division, averages and a few operators. */
    private static final OperatorCapabilities CAPABILITIES = OperatorCapabilities.standard()
            // DIV vs /: 7 / 2 is 3.5000 there; decimal division keeps only div_precision_increment more digits
            .fractionalIntegerDivision().inexactDecimalDivision().inexactAverages()
            // no IS [NOT] DISTINCT FROM; || is OR unless PIPES_AS_CONCAT
            .without(SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM).withoutFunctions("||")
            // CAST rejects TINYINT, SMALLINT, REAL and BOOLEAN (the statement would fail and fall back to Junction);
            // its FLOAT is 4 bytes, Junction's 8
            .withoutCastsTo(SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.REAL, SqlTypeName.FLOAT, SqlTypeName.BOOLEAN)
            .build();

    private static final SqlDialect CALCITE = new MysqlSqlDialect(MysqlSqlDialect.DEFAULT_CONTEXT
            .withDatabaseMajorVersion(8)
            .withNullCollation(NullCollation.LOW)
            .withIdentifierQuoteString("`"));

    @Override
    public SqlDialect calciteDialect() {
        return CALCITE;
    }

    @Override
    public boolean canEvaluate(SqlOperator operator, List<RelDataType> operandTypes, RelDataType resultType) {
        return CAPABILITIES.canEvaluate(operator, operandTypes, resultType);
    }
}
