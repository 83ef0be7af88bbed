package io.junction.connector.postgres;

import io.junction.connector.SourceDialect;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;

/** PostgreSQL as Calcite renders it. */
public final class PostgresDialect implements SourceDialect {
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    @Override
    public SqlDialect calciteDialect() {
        return PostgresqlSqlDialect.DEFAULT;
    }
}
