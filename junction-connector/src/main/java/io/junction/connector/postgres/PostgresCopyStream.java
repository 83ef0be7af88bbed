package io.junction.connector.postgres;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import io.junction.vector.Vector;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.List;

/**
 * The rows of one PostgreSQL statement read as {@code COPY (statement) TO STDOUT (FORMAT binary)} and decoded
 * from the wire straight into vectors: no ResultSet, no object per fixed-width value.
 *
 * <p>At the first {@link #next()} the statement is described (parsed, not run) to learn the PostgreSQL type of
 * every result column; the binary format of a value depends on that type, which the plan's output types do not
 * determine (a DECIMAL may arrive as numeric or int8). When some column's pair (PostgreSQL type, output type) has
 * no {@link BinaryColumnDecoder}, the statement is read through the JDBC result-set path instead, on the same
 * connection.
 *
 * <p>{@link #close()} may come from another thread: while a read is in flight it sends PostgreSQL a cancel
 * request for the connection, which ends the COPY with an error the reader turns into QUERY_CANCELED; otherwise
 * it cancels the COPY from the closing thread and reads what was still in flight, so the connection goes back
 * to its pool idle and usable.
 */
final class PostgresCopyStream implements BatchStream {
    private final PostgresConnector connector;
    private final Connection connection;
    private final boolean ownsConnection;
    private final String sql;
    private final List<JunctionType> types;
    private final int batchSize;
    private BinaryColumnDecoder[] decoders;
    private String[] labels;
    private CopyOut copy;
    private CopyDataReader reader;
    private volatile BatchStream fallback;
    private boolean started;
    private boolean released;
    private volatile boolean exhausted;
    private volatile boolean closing;
    private volatile boolean reading;

    PostgresCopyStream(PostgresConnector connector, Connection connection, boolean ownsConnection, String sql,
                       List<JunctionType> types, int batchSize) {
        this.connector = connector;
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.sql = sql;
        this.types = types;
        this.batchSize = batchSize;
    }

    @Override
    public synchronized Batch next() {
        if (fallback != null) {
            return fallback.next();
        }
        if (exhausted || closing) {
            return null;
        }
        int columnCount = types.size();
        Vector[] columns = null;
        int row = 0;
        int column = 0;
        reading = true;
        try {
            if (!started) {
                started = true;
                if (!describe()) {
                    released = true;
                    fallback = connector.jdbcStream(connection, sql, types, ownsConnection);
                    if (closing) {
                        fallback.close();
                        throw canceled();
                    }
                    reading = false;
                    return fallback.next();
                }
                copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + sql + ") TO STDOUT (FORMAT binary)");
                reader = new CopyDataReader(copy);
                reader.readHeader();
            }
            columns = new Vector[columnCount];
            for (int c = 0; c < columnCount; c++) {
                columns[c] = Vector.create(types.get(c), batchSize);
            }
            CopyDataReader in = reader;
            BinaryColumnDecoder[] decode = decoders;
            while (row < batchSize) {
                if (!in.ensure(2)) {
                    exhausted = true;
                    break;
                }
                int fields = BinaryWire.readShort(in.buffer, in.position);
                in.position += 2;
                if (fields == -1) {
                    exhausted = true;
                    break;
                }
                if (fields != columnCount) {
                    throw new IllegalStateException("a COPY row has " + fields + " fields, expected " + columnCount);
                }
                for (column = 0; column < columnCount; column++) {
                    in.require(4);
                    int length = BinaryWire.readInt(in.buffer, in.position);
                    in.position += 4;
                    if (length < 0) {
                        columns[column].setNull(row);
                    } else {
                        in.require(length);
                        decode[column].decode(in.buffer, in.position, length, columns[column], row);
                        in.position += length;
                    }
                }
                row++;
            }
            if (exhausted) {
                reader.finish();
            }
        } catch (SQLException e) {
            JunctionException failure = closing ? canceled() : connector.failures().queryFailure(e, sql);
            release();
            throw failure;
        } catch (JunctionException e) {
            release();
            throw e;
        } catch (ArithmeticException | DateTimeException | IllegalArgumentException e) {
            JunctionException failure = badValue(column, e);
            release();
            throw failure;
        } catch (IllegalStateException e) {
            JunctionException failure = new JunctionException(ErrorCode.SOURCE_QUERY_FAILED, connector.failures().prefix()
                    + ": unreadable binary COPY output: " + e.getMessage() + "; statement: " + sql, e);
            release();
            throw failure;
        } finally {
            reading = false;
        }
        if (exhausted) {
            release();
        }
        return row == 0 ? null : new Batch(columns, row);
    }

    /** Whether the rows come from binary COPY (false once the stream fell back to JDBC); for tests. */
    synchronized boolean readsBinary() {
        return started && fallback == null;
    }

    /** Learns the result's PostgreSQL types; false when some column has no binary decoder for its output type. */
    private boolean describe() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            ResultSetMetaData metadata = statement.getMetaData();
            int width = metadata == null ? 0 : metadata.getColumnCount();
            if (width != types.size()) {
                throw new JunctionException(ErrorCode.INTERNAL_ERROR, connector.failures().prefix() + ": statement returns " + width
                        + " columns but " + types.size() + " output types were given; statement: " + sql);
            }
            decoders = new BinaryColumnDecoder[width];
            labels = new String[width];
            for (int c = 0; c < width; c++) {
                labels[c] = metadata.getColumnLabel(c + 1);
                String pgType = metadata.getColumnTypeName(c + 1);
                decoders[c] = BinaryColumnDecoder.forColumn(pgType, types.get(c));
                if (decoders[c] == null) {
                    String underlying = underlyingType(pgType);
                    decoders[c] = underlying == null ? null : BinaryColumnDecoder.forColumn(underlying, types.get(c));
                }
                if (decoders[c] == null) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * What a type the decoder does not know by name is made of: a domain's base type, or {@code enum} for enum
     * types (whose binary form is the label's text); null when that cannot be found out.
     */
    private String underlyingType(String pgType) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT CASE WHEN t.typtype = 'e' THEN 'enum' WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END
                FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype AND bt.typtype <> 'd'
                WHERE t.oid = ?::regtype""")) {
            statement.setString(1, pgType);
            try (var rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            // A name the server cannot parse back (pgjdbc quotes some): read this statement through JDBC.
            if (!connection.getAutoCommit()) {
                throw e;
            }
            return null;
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        BatchStream delegate = fallback;
        if (delegate != null) {
            delegate.close();
            return;
        }
        if (reading && !exhausted) {
            // The reader holds the connection's lock while it waits for the server, so only an out-of-band
            // cancel request reaches it; the COPY then ends with an error and the reader lets go.
            try {
                connection.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException | RuntimeException e) {
                // The statement may have finished meanwhile; release below frees what is left.
            }
        }
        synchronized (this) {
            if (fallback != null) {
                fallback.close();
            } else {
                release();
            }
        }
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        if (copy != null && copy.isActive()) {
            stopCopy();
        }
        if (ownsConnection) {
            connector.release(connection);
        }
    }

    /**
     * Ends a COPY that is still sending. pgjdbc's CopyOut.cancelCopy() only sends the cancel request and lets go
     * of the connection, leaving the rest of the output and the server's error on the socket for the next
     * statement to trip over; so the request is sent here and the output read until the server has ended the COPY
     * (with the cancel error, or normally when it finished first; a cancel that reaches an idle server is ignored).
     */
    private void stopCopy() {
        try {
            connection.unwrap(PGConnection.class).cancelQuery();
            while (copy.isActive() && copy.readFromCopy() != null) {
                // discard rows that were already on their way
            }
        } catch (SQLException | RuntimeException e) {
            // The expected end: "canceling statement due to user request", after which the connection is idle.
        }
    }

    private JunctionException canceled() {
        return new JunctionException(ErrorCode.QUERY_CANCELED, connector.failures().prefix() + ": reading was stopped because the query was closed");
    }

    private JunctionException badValue(int column, RuntimeException e) {
        String label = labels != null && column < labels.length ? labels[column] : "#" + (column + 1);
        ErrorCode code = e instanceof ArithmeticException ? ErrorCode.NUMERIC_OVERFLOW : ErrorCode.INVALID_VALUE;
        return new JunctionException(code, connector.failures().prefix() + ": a value of column '" + label
                + "' cannot be carried as " + types.get(column) + ": " + e.getMessage() + "; statement: " + sql, e);
    }
}
