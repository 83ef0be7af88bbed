package io.junction.connector.sqlite;

import io.junction.connector.SourceDialect;
import org.apache.calcite.sql.SqlDialect;

/** SQLite as Calcite renders it. */
public final class SqliteDialect implements SourceDialect {
    public static final SqliteDialect INSTANCE = new SqliteDialect();

    @Override
    public SqlDialect calciteDialect() {
        return SqliteCalciteDialect.INSTANCE;
    }
}
