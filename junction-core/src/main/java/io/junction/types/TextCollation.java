package io.junction.types;

/**
 * How a source compares and orders a text column, relative to Junction, which compares text by Unicode
 * code point. It decides which text work may be pushed into the source without changing answers.
 */
public enum TextCollation {
    /** Equal exactly when Junction says equal, ordered by code point (PostgreSQL "C", MariaDB _bin, SQLite BINARY). */
    BINARY,
    /** Equal exactly when Junction says equal, but ordered by language rules (e.g. en_US): equality pushes, ordering does not. */
    DETERMINISTIC,
    /** Treats different strings as equal (case- or accent-insensitive): no comparison may be pushed. */
    INSENSITIVE;

    public boolean pushesEquality() {
        return this != INSENSITIVE;
    }

    public boolean pushesOrdering() {
        return this == BINARY;
    }
}
