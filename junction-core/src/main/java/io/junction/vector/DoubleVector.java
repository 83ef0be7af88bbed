package io.junction.vector;

import io.junction.types.JunctionType;
import io.junction.types.TypeKind;

import java.util.Arrays;

/** REAL and DOUBLE values; REAL values are held widened and narrowed again on output. */
public final class DoubleVector extends Vector {
    private double[] values;

    DoubleVector(JunctionType type, int capacity) {
        super(type);
        this.values = new double[capacity];
    }

    public double[] values() {
        return values;
    }

    public double get(int i) {
        return values[i];
    }

    public void set(int i, double value) {
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
        return type.kind() == TypeKind.REAL ? (Object) (float) values[i] : (Object) values[i];
    }

    @Override
    public void copyRow(Vector source, int from, int to) {
        if (source.isNull(from)) {
            setNull(to);
        } else {
            set(to, ((DoubleVector) source).values[from]);
        }
    }

    @Override
    public Vector gather(int[] positions, int count) {
        DoubleVector out = new DoubleVector(type, count);
        double[] dst = out.values;
        for (int i = 0; i < count; i++) {
            dst[i] = values[positions[i]];
        }
        gatherNulls(out, positions, count);
        return out;
    }

    @Override
    public void copyRows(Vector source, int from, int to, int count) {
        System.arraycopy(((DoubleVector) source).values, from, values, to, count);
        copyNulls(source, from, to, count);
    }

    @Override
    public void gatherChunks(Vector[] chunks, int chunkBits, int[] ids, int count) {
        int mask = (1 << chunkBits) - 1;
        double[] dst = values;
        for (int i = 0; i < count; i++) {
            dst[i] = ((DoubleVector) chunks[ids[i] >>> chunkBits]).values[ids[i] & mask];
        }
        gatherChunkNulls(chunks, chunkBits, ids, count);
    }
}
