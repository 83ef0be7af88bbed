package io.junction.types;

/**
 * The logical types Junction's engine understands. Each kind maps to exactly one physical vector
 * representation (see {@link io.junction.vector.Vector#create}).
 */
public enum TypeKind {
    BOOLEAN,
    TINYINT,
    SMALLINT,
    INTEGER,
    BIGINT,
    REAL,
    DOUBLE,
    /** Exact fixed-point number with a precision and scale; never carried through a double. */
    DECIMAL,
    CHAR,
    VARCHAR,
    /** Days since 1970-01-01. */
    DATE,
    /** Microseconds since midnight. */
    TIME,
    /** Microseconds since 1970-01-01T00:00 as a local date-time (no zone). */
    TIMESTAMP,
    /** Microseconds since the UTC epoch: an instant. */
    TIMESTAMP_TZ,
    /** Canonical 36-character text form. */
    UUID,
    /** JSON document kept as its text. */
    JSON,
    VARBINARY,
    /** The type of an untyped NULL literal. */
    NULL;

    public boolean isInteger() {
        return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    public boolean isNumeric() {
        return isInteger() || this == REAL || this == DOUBLE || this == DECIMAL;
    }

    public boolean isText() {
        return this == CHAR || this == VARCHAR || this == UUID || this == JSON;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIME || this == TIMESTAMP || this == TIMESTAMP_TZ;
    }
}
