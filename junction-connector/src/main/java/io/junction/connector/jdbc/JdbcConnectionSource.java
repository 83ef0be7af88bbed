package io.junction.connector.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a JDBC connector gets its connections. Contract: {@link #open()} hands out a connection that the
 * caller uses on one thread and closes when done (closing returns it to a pool where there is one);
 * implementations are thread-safe; {@link #close()} releases everything and may be called once.
 */
public interface JdbcConnectionSource extends AutoCloseable {
    Connection open() throws SQLException;

    /** A connection if one can be had within {@code waitMillis}, else null; by default the same as {@link #open()}. */
    default Connection tryOpen(long waitMillis) throws SQLException {
        return open();
    }

    /**
     * Takes back a connection that was aborted or is otherwise unusable: it is closed and never handed out again,
     * and later calls on it fail without touching the source. By default it is only closed.
     */
    default void discard(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Already closed.
        }
    }

    @Override
    void close();
}
