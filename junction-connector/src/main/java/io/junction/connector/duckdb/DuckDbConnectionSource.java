package io.junction.connector.duckdb;

import io.junction.connector.jdbc.JdbcConnectionSource;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One open DuckDB database per source and a fresh duplicate connection to it per use. DuckDB allows a
 * database file to be opened by one process at a time with write access, and a duplicate connection is
 * cheap (no file access) and can run concurrently with the others, so no pool is needed.
 */
final class DuckDbConnectionSource implements JdbcConnectionSource {
    private final DuckDBConnection database;

    DuckDbConnectionSource(String url, Properties properties) throws SQLException {
        this.database = (DuckDBConnection) DriverManager.getConnection(url, properties);
    }

    @Override
    public Connection open() throws SQLException {
        return database.duplicate();
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException e) {
            // The database is being discarded; nothing else can be done with it.
        }
    }
}
