package io.junction.exec.spill;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BinaryVector;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Writes batches to a {@link SpillFile} in a compact columnar format, big-endian throughout:
 * <pre>
 * batch   := rowCount:int column*
 * column  := hasNulls:byte [nullWords:long*] values
 * values  := long* | double* | byte*                       (integers, temporals / floats / booleans: one per row)
 *          | long* wideCount:int (row:int len:int byte*)*  (decimals: unscaled longs, then the wide ones' two's complement)
 *          | (len:int utf8:byte*)*                         (text, for non-NULL rows only)
 *          | (len:int byte*)*                              (binary, for non-NULL rows only)
 * </pre>
 * Types are not written: the file's reader knows them. Fixed-width columns are converted in bulk through a
 * byte buffer, so writing costs about one copy of the data.
 */
public final class SpillFileWriter implements AutoCloseable {
    private static final int BUFFER = 1 << 14;

    private final SpillFile file;
    private final DataOutputStream out;
    private byte[] scratch = new byte[8 * 2048];
    private int batches;
    private long rows;
    private boolean finished;

    SpillFileWriter(SpillFile file) {
        this.file = file;
        try {
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file.path()), BUFFER));
        } catch (IOException e) {
            file.delete();
            throw SpillSpace.cannotSpill(e);
        }
    }

    public void write(Batch batch) {
        int n = batch.rowCount();
        if (n == 0) {
            return;
        }
        try {
            out.writeInt(n);
            for (Vector column : batch.columns()) {
                writeColumn(column, n);
            }
        } catch (IOException e) {
            abandon();
            throw SpillSpace.cannotSpill(e);
        }
        batches++;
        rows += n;
    }

    private void writeColumn(Vector v, int n) throws IOException {
        boolean nulls = v.mayHaveNulls();
        out.writeByte(nulls ? 1 : 0);
        if (nulls) {
            long[] words = new long[(n + 63) >>> 6];
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) {
                    words[i >>> 6] |= 1L << i;
                }
            }
            writeLongs(words, words.length);
        }
        switch (v) {
            case LongVector l -> writeLongs(l.values(), n);
            case DoubleVector d -> {
                ByteBuffer buffer = buffer(8 * n);
                buffer.asDoubleBuffer().put(d.values(), 0, n);
                out.write(scratch, 0, 8 * n);
            }
            case BooleanVector b -> {
                boolean[] values = b.values();
                byte[] bytes = bytes(n);
                for (int i = 0; i < n; i++) {
                    bytes[i] = (byte) (values[i] ? 1 : 0);
                }
                out.write(bytes, 0, n);
            }
            case DecimalVector d -> writeDecimals(d, n);
            case StringVector s -> {
                for (int i = 0; i < n; i++) {
                    String value = s.get(i);
                    if (value != null) {
                        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                        out.writeInt(utf8.length);
                        out.write(utf8);
                    }
                }
            }
            case BinaryVector b -> {
                for (int i = 0; i < n; i++) {
                    byte[] value = b.get(i);
                    if (value != null) {
                        out.writeInt(value.length);
                        out.write(value);
                    }
                }
            }
        }
    }

    private void writeDecimals(DecimalVector d, int n) throws IOException {
        writeLongs(d.unscaledValues(), n);
        int wide = 0;
        if (d.hasWideValues()) {
            for (int i = 0; i < n; i++) {
                if (d.isWide(i)) {
                    wide++;
                }
            }
        }
        out.writeInt(wide);
        for (int i = 0; wide > 0 && i < n; i++) {
            if (d.isWide(i)) {
                BigInteger value = d.getUnscaledBig(i);
                byte[] bytes = value.toByteArray();
                out.writeInt(i);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    private void writeLongs(long[] values, int n) throws IOException {
        ByteBuffer buffer = buffer(8 * n);
        buffer.asLongBuffer().put(values, 0, n);
        out.write(scratch, 0, 8 * n);
    }

    private ByteBuffer buffer(int size) {
        return ByteBuffer.wrap(bytes(size));
    }

    private byte[] bytes(int size) {
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        return scratch;
    }

    /** Completes the file and returns it for reading. */
    public SpillFile finish() {
        if (!finished) {
            finished = true;
            try {
                out.close();
                file.written(batches, rows, Files.size(file.path()));
            } catch (IOException e) {
                file.delete();
                throw SpillSpace.cannotSpill(e);
            }
        }
        return file;
    }

    public long rowCount() {
        return rows;
    }

    /** Closes and deletes the file without finishing it (on errors and early close). */
    public void abandon() {
        if (!finished) {
            finished = true;
            try {
                out.close();
            } catch (IOException e) {
                // the file is deleted next; a failed close changes nothing for the query
            }
        }
        file.delete();
    }

    /** Same as {@link #abandon} unless {@link #finish} ran, so try-with-resources never leaks a file. */
    @Override
    public void close() {
        if (!finished) {
            abandon();
        }
    }
}
