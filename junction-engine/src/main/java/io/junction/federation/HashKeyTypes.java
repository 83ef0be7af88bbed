package io.junction.federation;

import io.junction.types.JunctionType;
import io.junction.types.TypeKind;

/**
 * Which join key types Junction's hash join matches as they come from the sources. Where they are not, the execution
 * planner hashes casts of both keys to a common type instead, which also rules out a bind join (the shipped keys
 * would not be the probe column's values); the join ordering asks the same question to foresee that.
 */
public final class HashKeyTypes {
    private HashKeyTypes() {
    }

    /** Whether the executor can hash and compare keys of types {@code a} and {@code b} as they are. */
    public static boolean compatible(JunctionType a, JunctionType b) {
        if (a.kind().isInteger() && b.kind().isInteger()) {
            return true;
        }
        if (a.kind() == TypeKind.DECIMAL && b.kind() == TypeKind.DECIMAL) {
            return a.scale() == b.scale();
        }
        if (a.kind().isText() && b.kind().isText()) {
            return a.kind() != TypeKind.CHAR && b.kind() != TypeKind.CHAR || a.kind() == b.kind();
        }
        return a.kind() == b.kind();
    }
}
