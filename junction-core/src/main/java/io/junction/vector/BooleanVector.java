package io.junction.vector;

import io.junction.types.JunctionType;

import java.util.Arrays;

/** BOOLEAN values, one byte each so predicates can write them without bit twiddling. */
public final class BooleanVector extends Vector {
    private boolean[] values;

    BooleanVector(JunctionType type, int capacity) {
        super(type);
        this.values = new boolean[capacity];
    }

    public boolean[] values() {
        return values;
    }

    public boolean get(int i) {
        return values[i];
    }

    public void set(int i, boolean value) {
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
        return isNull(i) ? null : values[i];
    }

    @Override
    public void copyRow(Vector source, int from, int to) {
        if (source.isNull(from)) {
            setNull(to);
        } else {
            set(to, ((BooleanVector) source).values[from]);
        }
    }

    @Override
    public Vector gather(int[] positions, int count) {
        BooleanVector out = new BooleanVector(type, count);
        for (int i = 0; i < count; i++) {
            out.values[i] = values[positions[i]];
        }
        gatherNulls(out, positions, count);
        return out;
    }

    @Override
    public void copyRows(Vector source, int from, int to, int count) {
        System.arraycopy(((BooleanVector) source).values, from, values, to, count);
        copyNulls(source, from, to, count);
    }

    @Override
    public void gatherChunks(Vector[] chunks, int chunkBits, int[] ids, int count) {
        int mask = (1 << chunkBits) - 1;
        boolean[] dst = values;
        for (int i = 0; i < count; i++) {
            dst[i] = ((BooleanVector) chunks[ids[i] >>> chunkBits]).values[ids[i] & mask];
        }
        gatherChunkNulls(chunks, chunkBits, ids, count);
    }
}
