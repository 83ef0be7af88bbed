package io.junction.vector;

import io.junction.types.JunctionType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exact decimals of the vector type's scale. Unscaled values that fit a long live in a long array;
 * a value that does not is kept in a side array of BigIntegers, allocated only when first needed,
 * so that the common DECIMAL(≤18) case runs on primitives and wide values stay exact.
 */
public final class DecimalVector extends Vector {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private long[] unscaled;
    private BigInteger[] wide;

    DecimalVector(JunctionType type, int capacity) {
        super(type);
        this.unscaled = new long[capacity];
    }

    /** A vector over the unscaled values {@code unscaled} itself, not a copy: the caller gives the array up. */
    public static DecimalVector wrapUnscaled(JunctionType type, long[] unscaled) {
        DecimalVector vector = new DecimalVector(type, 0);
        vector.unscaled = unscaled;
        return vector;
    }

    public int scale() {
        return type.scale();
    }

    /** Unscaled values; valid only for rows where {@link #isWide} is false. */
    public long[] unscaledValues() {
        return unscaled;
    }

    public boolean hasWideValues() {
        return wide != null;
    }

    public boolean isWide(int i) {
        return wide != null && wide[i] != null;
    }

    public void setUnscaled(int i, long value) {
        unscaled[i] = value;
        if (wide != null) {
            wide[i] = null;
        }
        clearNull(i);
    }

    public void setUnscaled(int i, BigInteger value) {
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            setUnscaled(i, value.longValue());
            return;
        }
        if (wide == null) {
            wide = new BigInteger[unscaled.length];
        }
        wide[i] = value;
        clearNull(i);
    }

    /** Stores {@code value} rescaled to this vector's scale; rounding half-up if it has more digits. */
    public void set(int i, BigDecimal value) {
        BigDecimal scaled = value.scale() == type.scale() ? value : value.setScale(type.scale(), java.math.RoundingMode.HALF_UP);
        setUnscaled(i, scaled.unscaledValue());
    }

    public BigInteger getUnscaledBig(int i) {
        return isWide(i) ? wide[i] : BigInteger.valueOf(unscaled[i]);
    }

    public BigDecimal getBigDecimal(int i) {
        return isWide(i) ? new BigDecimal(wide[i], type.scale()) : BigDecimal.valueOf(unscaled[i], type.scale());
    }

    @Override
    public int capacity() {
        return unscaled.length;
    }

    @Override
    public void ensureCapacity(int capacity) {
        if (capacity > unscaled.length) {
            int grown = grownCapacity(unscaled.length, capacity);
            unscaled = Arrays.copyOf(unscaled, grown);
            if (wide != null) {
                wide = Arrays.copyOf(wide, grown);
            }
            growNulls(grown);
        }
    }

    @Override
    public Object getObject(int i) {
        return isNull(i) ? null : getBigDecimal(i);
    }

    @Override
    public void copyRow(Vector source, int from, int to) {
        DecimalVector src = (DecimalVector) source;
        if (src.isNull(from)) {
            setNull(to);
        } else if (src.isWide(from)) {
            setUnscaled(to, src.wide[from]);
        } else {
            setUnscaled(to, src.unscaled[from]);
        }
    }

    @Override
    public Vector gather(int[] positions, int count) {
        DecimalVector out = new DecimalVector(type, count);
        for (int i = 0; i < count; i++) {
            out.unscaled[i] = unscaled[positions[i]];
        }
        if (wide != null) {
            for (int i = 0; i < count; i++) {
                BigInteger w = wide[positions[i]];
                if (w != null) {
                    out.setUnscaled(i, w);
                }
            }
        }
        gatherNulls(out, positions, count);
        return out;
    }

    @Override
    public void copyRows(Vector source, int from, int to, int count) {
        DecimalVector src = (DecimalVector) source;
        System.arraycopy(src.unscaled, from, unscaled, to, count);
        if (src.wide != null) {
            if (wide == null) {
                wide = new BigInteger[unscaled.length];
            }
            System.arraycopy(src.wide, from, wide, to, count);
        } else if (wide != null) {
            Arrays.fill(wide, to, to + count, null);
        }
        copyNulls(source, from, to, count);
    }

    @Override
    public void gatherChunks(Vector[] chunks, int chunkBits, int[] ids, int count) {
        int mask = (1 << chunkBits) - 1;
        for (int i = 0; i < count; i++) {
            DecimalVector chunk = (DecimalVector) chunks[ids[i] >>> chunkBits];
            int row = ids[i] & mask;
            if (chunk.isNull(row)) {
                setNull(i);
            } else if (chunk.isWide(row)) {
                setUnscaled(i, chunk.wide[row]);
            } else {
                setUnscaled(i, chunk.unscaled[row]);
            }
        }
    }
}
