package io.junction.connector.mysql;

import io.junction.connector.SourceDialect;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;

/**
 * MariaDB and MySQL as Calcite renders them. Calcite has no MariaDB dialect; MariaDB 10.x speaks the
 * MySQL 8 subset Calcite generates (window functions, CTEs), so the MySQL dialect is given major
 * version 8 to unlock those renderings.
 */
public final class MysqlDialect implements SourceDialect {
    public static final MysqlDialect INSTANCE = new MysqlDialect();

    private static final SqlDialect CALCITE = new MysqlSqlDialect(MysqlSqlDialect.DEFAULT_CONTEXT
            .withDatabaseMajorVersion(8)
            .withNullCollation(NullCollation.LOW)
            .withIdentifierQuoteString("`"));

    @Override
    public SqlDialect calciteDialect() {
        return CALCITE;
    }
}
