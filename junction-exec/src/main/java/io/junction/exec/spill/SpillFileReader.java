package io.junction.exec.spill;

import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import io.junction.vector.BinaryVector;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Reads back the batches a {@link SpillFileWriter} wrote, one at a time. Closing does not delete the file. */
public final class SpillFileReader implements BatchStream {
    private static final int BUFFER = 1 << 14;

    private final SpillFile file;
    private final List<JunctionType> types;
    private DataInputStream in;
    private byte[] scratch = new byte[8 * 2048];
    private int remaining;

    SpillFileReader(SpillFile file) {
        this.file = file;
        this.types = file.types();
        this.remaining = file.batchCount();
        try {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file.path()), BUFFER));
        } catch (IOException e) {
            throw SpillSpace.cannotSpill(e);
        }
    }

    @Override
    public Batch next() {
        if (remaining == 0 || in == null) {
            close();
            return null;
        }
        remaining--;
        try {
            int n = in.readInt();
            Vector[] columns = new Vector[types.size()];
            for (int c = 0; c < columns.length; c++) {
                columns[c] = readColumn(types.get(c), n);
            }
            return new Batch(columns, n);
        } catch (IOException e) {
            close();
            throw new JunctionException(io.junction.error.ErrorCode.INTERNAL_ERROR, "cannot read spill file " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private Vector readColumn(JunctionType type, int n) throws IOException {
        Vector v = Vector.create(type, n);
        boolean nulls = in.readByte() != 0;
        long[] nullWords = null;
        if (nulls) {
            nullWords = new long[(n + 63) >>> 6];
            readLongs(nullWords, nullWords.length);
        }
        switch (v) {
            case LongVector l -> readLongs(l.values(), n);
            case DoubleVector d -> {
                read(8 * n).asDoubleBuffer().get(d.values(), 0, n);
            }
            case BooleanVector b -> {
                boolean[] values = b.values();
                ByteBuffer bytes = read(n);
                for (int i = 0; i < n; i++) {
                    values[i] = bytes.get(i) != 0;
                }
            }
            case DecimalVector d -> {
                readLongs(d.unscaledValues(), n);
                int wide = in.readInt();
                for (int w = 0; w < wide; w++) {
                    int row = in.readInt();
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    d.setUnscaled(row, new BigInteger(bytes));
                }
            }
            case StringVector s -> {
                for (int i = 0; i < n; i++) {
                    if (!isNull(nullWords, i)) {
                        int length = in.readInt();
                        s.set(i, new String(read(length).array(), 0, length, StandardCharsets.UTF_8));
                    }
                }
            }
            case BinaryVector b -> {
                for (int i = 0; i < n; i++) {
                    if (!isNull(nullWords, i)) {
                        byte[] bytes = new byte[in.readInt()];
                        in.readFully(bytes);
                        b.set(i, bytes);
                    }
                }
            }
        }
        if (nulls) {
            for (int i = 0; i < n; i++) {
                if (isNull(nullWords, i)) {
                    v.setNull(i);
                }
            }
        }
        return v;
    }

    private static boolean isNull(long[] words, int i) {
        return words != null && (words[i >>> 6] & (1L << i)) != 0;
    }

    private void readLongs(long[] target, int n) throws IOException {
        read(8 * n).asLongBuffer().get(target, 0, n);
    }

    private ByteBuffer read(int size) throws IOException {
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        in.readFully(scratch, 0, size);
        return ByteBuffer.wrap(scratch, 0, size);
    }

    @Override
    public void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // read-only stream: nothing is lost
            }
            in = null;
        }
    }
}
