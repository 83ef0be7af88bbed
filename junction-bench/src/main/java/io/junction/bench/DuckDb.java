package io.junction.bench;

import org.duckdb.DuckDBConnection;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** An in-memory DuckDB limited to one thread, so both engines run on one core. */
final class DuckDb implements AutoCloseable {
    private final DuckDBConnection connection;

    DuckDb() throws SQLException {
        connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        execute("SET threads = 1");
    }

    DuckDBConnection connection() {
        return connection;
    }

    void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs a query and folds its first column into a checksum, so the whole result is read. */
    long checksum(String sql) throws SQLException {
        long sum = 0;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                sum += rs.getLong(1);
            }
        }
        return sum;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
