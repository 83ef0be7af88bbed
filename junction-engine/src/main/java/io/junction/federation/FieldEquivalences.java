package io.junction.federation;

/** Which fields equalities have made equal, as classes of field numbers (a union-find forest). */
final class FieldEquivalences {
    private final int[] parent;

    /** Fields 0 to {@code fieldCount} - 1, each equal only to itself. */
    FieldEquivalences(int fieldCount) {
        parent = new int[fieldCount];
        for (int f = 0; f < fieldCount; f++) {
            parent[f] = f;
        }
    }

    private FieldEquivalences(int[] parent) {
        this.parent = parent;
    }

    FieldEquivalences copy() {
        return new FieldEquivalences(parent.clone());
    }

    /** One field of {@code field}'s class, the same for every field of it. */
    int representative(int field) {
        int f = field;
        while (parent[f] != f) {
            f = parent[f];
        }
        return f;
    }

    boolean equal(int a, int b) {
        return representative(a) == representative(b);
    }

    /** Records that {@code a} equals {@code b}; false when that already followed from earlier equalities. */
    boolean merge(int a, int b) {
        int ra = representative(a);
        int rb = representative(b);
        parent[ra] = rb;
        return ra != rb;
    }
}
