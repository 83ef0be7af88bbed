package io.junction.vector;

import io.junction.types.JunctionType;

/** VARBINARY values as byte arrays, which callers must not modify. */
public final class BinaryVector extends ReferenceVector<byte[]> {
    BinaryVector(JunctionType type, int capacity) {
        super(type, capacity);
    }

    @Override
    public Object getObject(int i) {
        return values[i];
    }
}
