package io.junction.vector;

import io.junction.types.JunctionType;
import io.junction.types.TypeKind;

/** CHAR, VARCHAR, JSON and UUID values as Java strings (UUIDs in canonical lower-case form). */
public final class StringVector extends ReferenceVector<String> {
    StringVector(JunctionType type, int capacity) {
        super(type, capacity);
    }

    @Override
    public Object getObject(int i) {
        Object v = values[i];
        if (v != null && type.kind() == TypeKind.UUID) {
            return java.util.UUID.fromString((String) v);
        }
        return v;
    }
}
