package io.junction.vector;

import io.junction.types.JunctionType;

import java.util.Arrays;

/**
 * A column of values of one type, held in primitive arrays with a null bitmap.
 * Vectors are mutable while a batch is being built and treated as read-only afterwards.
 * Hot loops work on the concrete subclass's arrays; {@link #getObject} is for the edges only
 * (result rows, tests, debugging).
 */
public abstract sealed class Vector permits BooleanVector, LongVector, DoubleVector, DecimalVector, ReferenceVector {
    protected final JunctionType type;
    /** Bit i set means row i is NULL; {@code null} while no row is NULL. */
    protected long[] nulls;

    protected Vector(JunctionType type) {
        this.type = type;
    }

    /** A vector suited to {@code type}, able to hold {@code capacity} values without growing. */
    public static Vector create(JunctionType type, int capacity) {
        return switch (type.kind()) {
            case BOOLEAN -> new BooleanVector(type, capacity);
            case TINYINT, SMALLINT, INTEGER, BIGINT, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> new LongVector(type, capacity);
            case REAL, DOUBLE -> new DoubleVector(type, capacity);
            case DECIMAL -> new DecimalVector(type, capacity);
            case CHAR, VARCHAR, UUID, JSON, NULL -> new StringVector(type, capacity);
            case VARBINARY -> new BinaryVector(type, capacity);
        };
    }

    public final JunctionType type() {
        return type;
    }

    /** Number of values the arrays can hold. */
    public abstract int capacity();

    /** Grows the arrays, keeping values, so that at least {@code capacity} values fit. */
    public abstract void ensureCapacity(int capacity);

    public final boolean isNull(int i) {
        return nulls != null && (nulls[i >>> 6] & (1L << i)) != 0;
    }

    public final boolean mayHaveNulls() {
        return nulls != null;
    }

    public final void setNull(int i) {
        if (nulls == null) {
            nulls = new long[(capacity() + 63) >>> 6];
        }
        nulls[i >>> 6] |= 1L << i;
    }

    /** Clears the null bit of row i; value setters call it so rows can be rewritten. */
    protected final void clearNull(int i) {
        if (nulls != null) {
            nulls[i >>> 6] &= ~(1L << i);
        }
    }

    protected final void growNulls(int capacity) {
        if (nulls != null) {
            int words = (capacity + 63) >>> 6;
            if (words > nulls.length) {
                nulls = Arrays.copyOf(nulls, words);
            }
        }
    }

    /** The value at row i as a Java object (see the subclass for its class), or {@code null}. */
    public abstract Object getObject(int i);

    /** Copies row {@code from} of {@code source} (same class and type) into row {@code to} of this vector. */
    public abstract void copyRow(Vector source, int from, int to);

    /** A new vector holding rows {@code positions[0..count)} of this one, in that order. */
    public abstract Vector gather(int[] positions, int count);

    /**
     * Copies rows {@code from..from+count} of {@code source} (same class and type) into rows
     * {@code to..to+count} of this vector, which must have room for them.
     */
    public abstract void copyRows(Vector source, int from, int to, int count);

    /**
     * Fills rows {@code 0..count} of this vector (which must have room) from rows kept in equal-sized chunks
     * of this vector's class and type: row i takes row {@code ids[i] & ((1 << chunkBits) - 1)} of chunk
     * {@code chunks[ids[i] >>> chunkBits]}. Lets an operator address held rows by one int without first
     * copying them into one large vector.
     */
    public abstract void gatherChunks(Vector[] chunks, int chunkBits, int[] ids, int count);

    /** Sets the null bits of rows {@code to..to+count} from rows {@code from..} of {@code source}. */
    protected final void copyNulls(Vector source, int from, int to, int count) {
        if (source.nulls == null) {
            if (nulls != null) {
                for (int i = 0; i < count; i++) {
                    clearNull(to + i);
                }
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            if (source.isNull(from + i)) {
                setNull(to + i);
            } else {
                clearNull(to + i);
            }
        }
    }

    /**
     * Sets the null bits of rows {@code 0..count} from the chunk rows {@code ids} name (as {@link #gatherChunks}
     * addresses them); subclasses that copy primitive values call it after their value loop.
     */
    protected final void gatherChunkNulls(Vector[] chunks, int chunkBits, int[] ids, int count) {
        int mask = (1 << chunkBits) - 1;
        for (int i = 0; i < count; i++) {
            if (chunks[ids[i] >>> chunkBits].isNull(ids[i] & mask)) {
                setNull(i);
            } else {
                clearNull(i);
            }
        }
    }

    /** Copies the null bits of the gathered rows; subclasses call it from {@link #gather}. */
    protected final void gatherNulls(Vector target, int[] positions, int count) {
        if (nulls == null) {
            return;
        }
        for (int i = 0; i < count; i++) {
            if (isNull(positions[i])) {
                target.setNull(i);
            }
        }
    }

    static int grownCapacity(int current, int needed) {
        return Math.max(needed, Math.max(16, current + (current >> 1)));
    }
}
