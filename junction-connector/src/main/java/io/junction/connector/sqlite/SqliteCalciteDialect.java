package io.junction.connector.sqlite;

import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.SqliteSqlDialect;

/**
 * Calcite's SQLite dialect with date and time literals written as text. SQLite has no DATE or TIMESTAMP
 * literal syntax ({@code DATE '2024-01-01'} is a syntax error there); it keeps such values as ISO-8601
 * text, which compares correctly with a text literal in the same format
 * ({@code 'YYYY-MM-DD'}, {@code 'YYYY-MM-DD HH:MM:SS[.fff]'}, as SQLite's own date functions write them).
 */
final class SqliteCalciteDialect extends SqliteSqlDialect {
    static final SqliteCalciteDialect INSTANCE = new SqliteCalciteDialect();

    private SqliteCalciteDialect() {
        super(SqliteSqlDialect.DEFAULT_CONTEXT);
    }

    @Override
    public void unparseDateTimeLiteral(SqlWriter writer, SqlAbstractDateTimeLiteral literal, int leftPrec, int rightPrec) {
        writer.literal(quoteStringLiteral(literal.toFormattedString()));
    }
}
