package io.junction.vector;

import io.junction.types.JunctionType;
import io.junction.types.TemporalEncoding;

import java.util.Arrays;

/** Integers of every width, and dates and times in their {@link TemporalEncoding} form. */
public final class LongVector extends Vector {
    private long[] values;

    LongVector(JunctionType type, int capacity) {
        super(type);
        this.values = new long[capacity];
    }

    /** Whether values of {@code type} are held in a LongVector (integers, dates, times, timestamps). */
    public static boolean holds(JunctionType type) {
        return Vector.create(type, 0) instanceof LongVector;
    }

    /**
     * A vector over {@code values} itself, not a copy: the caller gives the array up (an aggregation's running sums
     * becoming its result without a second array of the same size).
     */
    public static LongVector wrap(JunctionType type, long[] values) {
        LongVector vector = new LongVector(type, 0);
        vector.values = values;
        return vector;
    }

    /** The backing array; valid for rows below the batch's row count, NULL rows hold 0. */
    public long[] values() {
        return values;
    }

    public long get(int i) {
        return values[i];
    }

    public void set(int i, long value) {
        values[i] = value;
        clearNull(i);
    }

    @Override
    public int capacity() {
        return values.length;
    }

    @Override
    public void ensureCapacity(int capacity) {
        if (capacity > values.length) {
            int grown = grownCapacity(values.length, capacity);
            values = Arrays.copyOf(values, grown);
            growNulls(grown);
        }
    }

    @Override
    public Object getObject(int i) {
        if (isNull(i)) {
            return null;
        }
        long v = values[i];
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER -> (int) v;
            case DATE -> TemporalEncoding.decodeDate(v);
            case TIME -> TemporalEncoding.decodeTime(v);
            case TIMESTAMP -> TemporalEncoding.decodeTimestamp(v);
            case TIMESTAMP_TZ -> TemporalEncoding.decodeTimestampTz(v);
            default -> v;
        };
    }

    @Override
    public void copyRow(Vector source, int from, int to) {
        if (source.isNull(from)) {
            setNull(to);
        } else {
            set(to, ((LongVector) source).values[from]);
        }
    }

    @Override
    public Vector gather(int[] positions, int count) {
        LongVector out = new LongVector(type, count);
        long[] dst = out.values;
        for (int i = 0; i < count; i++) {
            dst[i] = values[positions[i]];
        }
        gatherNulls(out, positions, count);
        return out;
    }

    @Override
    public void copyRows(Vector source, int from, int to, int count) {
        System.arraycopy(((LongVector) source).values, from, values, to, count);
        copyNulls(source, from, to, count);
    }

    @Override
    public void gatherChunks(Vector[] chunks, int chunkBits, int[] ids, int count) {
        int mask = (1 << chunkBits) - 1;
        long[] dst = values;
        for (int i = 0; i < count; i++) {
            dst[i] = ((LongVector) chunks[ids[i] >>> chunkBits]).values[ids[i] & mask];
        }
        gatherChunkNulls(chunks, chunkBits, ids, count);
    }
}
