package io.junction.connector.jdbc;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import io.junction.vector.Vector;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rows of one statement, converted batch by batch. Owns the statement and usually its connection: the
 * connection goes back to its pool when the rows end, when reading fails, or on {@link #close()} (a stream
 * that is one part of a parallel scan leaves the connection to the scan).
 * The statement is executed at the first {@link #next()}, under the same "reading" flag as a fetch, so
 * that a close from another thread cancels a statement that has not yet returned its first rows.
 *
 * <p>Not thread-safe for {@link #next()}, but {@link #close()} may come from another thread (a query
 * being canceled): it cancels the statement in the source first so a streaming driver does not have
 * to read the remaining rows before it can close.
 */
final class JdbcBatchStream implements BatchStream {
    private final JdbcConnector connector;
    private final Connection connection;
    private final boolean ownsConnection;
    private final Statement statement;
    private ResultSet rows;
    private final String sql;
    private final List<JunctionType> types;
    private final JdbcColumnReader[] readers;
    private final int batchSize;
    private volatile boolean exhausted;
    /** Set once by the first close: a query's close and its statement's start may both close the stream. */
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean reading;
    private boolean released;

    JdbcBatchStream(JdbcConnector connector, Connection connection, boolean ownsConnection, Statement statement,
                    String sql, List<JunctionType> types, JdbcColumnReader[] readers, int batchSize) {
        this.connector = connector;
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.statement = statement;
        this.sql = sql;
        this.types = types;
        this.readers = readers;
        this.batchSize = batchSize;
    }

    @Override
    public synchronized Batch next() {
        if (exhausted || closing.get()) {
            return null;
        }
        Vector[] columns = new Vector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = Vector.create(types.get(c), batchSize);
        }
        int row = 0;
        int column = 0;
        reading = true;
        try {
            if (rows == null) {
                rows = statement.executeQuery(sql);
                connector.checkResultWidth(rows, types.size(), sql);
            }
            while (row < batchSize && rows.next()) {
                for (column = 0; column < readers.length; column++) {
                    readers[column].read(rows, column + 1, columns[column], row);
                }
                row++;
            }
        } catch (SQLException e) {
            JunctionException failure = closing.get() ? canceled() : connector.failures().queryFailure(e, sql);
            release();
            throw failure;
        } catch (JunctionException e) {
            release();
            throw e;
        } catch (ArithmeticException | DateTimeException | IllegalArgumentException | ClassCastException e) {
            JunctionException failure = badValue(column, e);
            release();
            throw failure;
        } finally {
            reading = false;
        }
        if (row < batchSize) {
            exhausted = true;
            release();
        }
        return row == 0 ? null : new Batch(columns, row);
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // Outside the lock: a reader blocked in next() is woken by the cancel and then lets go of the lock.
        // While a fetch is under way the source is working for us, so a cancel is right for every source.
        if (!exhausted && (reading || connector.cancelOnEarlyClose())) {
            try {
                connector.cancel(connection, statement);
            } catch (SQLException | RuntimeException e) {
                // The statement may already have finished; releasing below still frees it.
            }
        }
        if (!exhausted && connector.abortOnEarlyClose()) {
            connector.abort(connection);
            synchronized (this) {
                // The connection is gone with its statement and rows: any call on them would only fail, and the pool
                // would log it (the pool may even be closing, with the source, while the query still starts).
                released = true;
            }
            return;
        }
        synchronized (this) {
            release();
        }
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        if (rows != null) {
            closeQuietly(rows);
        }
        closeQuietly(statement);
        if (!ownsConnection) {
            return;
        }
        try {
            if (!connection.getAutoCommit()) {
                // Ends the read-only transaction a cursor-based fetch needed.
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            // A broken connection is evicted by the pool's validation when it is next handed out.
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // Nothing more can be released.
        }
    }

    private JunctionException canceled() {
        return new JunctionException(ErrorCode.QUERY_CANCELED, connector.failures().prefix() + ": reading was stopped because the query was closed");
    }

    private JunctionException badValue(int column, RuntimeException e) {
        String label;
        try {
            label = rows.getMetaData().getColumnLabel(column + 1);
        } catch (SQLException | RuntimeException ignored) {
            label = "#" + (column + 1);
        }
        ErrorCode code = e instanceof ArithmeticException ? ErrorCode.NUMERIC_OVERFLOW : ErrorCode.INVALID_VALUE;
        return new JunctionException(code, connector.failures().prefix() + ": a value of column '" + label
                + "' cannot be carried as " + types.get(column) + ": " + e.getMessage() + "; statement: " + sql, e);
    }
}
