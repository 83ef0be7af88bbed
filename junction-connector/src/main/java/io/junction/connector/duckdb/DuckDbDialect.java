package io.junction.connector.duckdb;

import io.junction.connector.SourceDialect;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/** DuckDB as Calcite renders it. */
public final class DuckDbDialect implements SourceDialect {
    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    @Override
    public SqlDialect calciteDialect() {
        return DuckDBSqlDialect.DEFAULT;
    }
}
