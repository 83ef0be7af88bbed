package io.junction.connector.postgres;

import org.postgresql.copy.CopyOut;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * The byte stream of a {@code COPY … TO STDOUT (FORMAT binary)}, read as pgjdbc hands it over: one array per
 * CopyData message (PostgreSQL sends one row per message, the file header in front of the first). Decoders read
 * {@link #buffer} directly between {@link #position} and {@link #limit}; {@link #ensure} joins messages when a
 * value is split across two, which the format allows though the server does not do it.
 */
final class CopyDataReader {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final CopyOut copy;
    byte[] buffer = new byte[0];
    int position;
    int limit;
    private boolean finished;

    CopyDataReader(CopyOut copy) {
        this.copy = copy;
    }

    /** Reads and checks the file header: signature, flags (no OIDs), header extension (skipped). */
    void readHeader() throws SQLException {
        require(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IllegalStateException("the COPY output does not start with PostgreSQL's binary signature");
        }
        position += SIGNATURE.length;
        int flags = BinaryWire.readInt(buffer, position);
        if ((flags & (1 << 16)) != 0) {
            throw new IllegalStateException("the COPY output carries OIDs, which Junction did not ask for");
        }
        int extension = BinaryWire.readInt(buffer, position + 4);
        position += 8;
        require(extension);
        position += extension;
    }

    /** Makes {@code count} bytes readable at {@link #position}; false when the copy ended first. */
    boolean ensure(int count) throws SQLException {
        while (limit - position < count) {
            byte[] chunk = finished ? null : copy.readFromCopy();
            if (chunk == null) {
                finished = true;
                return false;
            }
            if (position == limit) {
                buffer = chunk;
            } else {
                byte[] joined = Arrays.copyOf(Arrays.copyOfRange(buffer, position, limit), limit - position + chunk.length);
                System.arraycopy(chunk, 0, joined, limit - position, chunk.length);
                buffer = joined;
            }
            limit = buffer.length;
            position = 0;
        }
        return true;
    }

    /** As {@link #ensure}, but the bytes must be there: a row or header cut short is a broken stream. */
    void require(int count) throws SQLException {
        if (!ensure(count)) {
            throw new IllegalStateException("the COPY output ended in the middle of a row");
        }
    }

    /** Reads what follows the trailer until the server reports the COPY complete, so the connection is free again. */
    void finish() throws SQLException {
        while (!finished) {
            if (copy.readFromCopy() == null) {
                finished = true;
            }
        }
    }
}
