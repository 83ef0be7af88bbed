package io.junction.vector;

import io.junction.types.JunctionType;

import java.util.Arrays;

/** Values held as Java references (text, bytes); a NULL row holds {@code null} and a set null bit. */
public abstract sealed class ReferenceVector<T> extends Vector permits StringVector, BinaryVector {
    protected Object[] values;

    ReferenceVector(JunctionType type, int capacity) {
        super(type);
        this.values = new Object[capacity];
    }

    @SuppressWarnings("unchecked")
    public final T get(int i) {
        return (T) values[i];
    }

    public final void set(int i, T value) {
        if (value == null) {
            values[i] = null;
            setNull(i);
        } else {
            values[i] = value;
            clearNull(i);
        }
    }

    @Override
    public final int capacity() {
        return values.length;
    }

    @Override
    public final void ensureCapacity(int capacity) {
        if (capacity > values.length) {
            int grown = grownCapacity(values.length, capacity);
            values = Arrays.copyOf(values, grown);
            growNulls(grown);
        }
    }

    @Override
    public final void copyRow(Vector source, int from, int to) {
        Object v = ((ReferenceVector<?>) source).values[from];
        values[to] = v;
        if (v == null) {
            setNull(to);
        } else {
            clearNull(to);
        }
    }

    @Override
    public final Vector gather(int[] positions, int count) {
        ReferenceVector<?> out = (ReferenceVector<?>) Vector.create(type, count);
        for (int i = 0; i < count; i++) {
            out.values[i] = values[positions[i]];
        }
        gatherNulls(out, positions, count);
        return out;
    }

    @Override
    public final void copyRows(Vector source, int from, int to, int count) {
        System.arraycopy(((ReferenceVector<?>) source).values, from, values, to, count);
        copyNulls(source, from, to, count);
    }

    @Override
    public final void gatherChunks(Vector[] chunks, int chunkBits, int[] ids, int count) {
        int mask = (1 << chunkBits) - 1;
        for (int i = 0; i < count; i++) {
            ReferenceVector<?> chunk = (ReferenceVector<?>) chunks[ids[i] >>> chunkBits];
            Object v = chunk.values[ids[i] & mask];
            values[i] = v;
            if (v == null) {
                setNull(i);
            } else {
                clearNull(i);
            }
        }
    }
}
