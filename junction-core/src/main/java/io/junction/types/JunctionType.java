package io.junction.types;

import java.util.Objects;

/**
 * A logical SQL type: a kind plus, where the kind has them, precision and scale (DECIMAL) or
 * length (CHAR/VARCHAR/VARBINARY, {@link #UNBOUNDED} when the source declares none).
 * Nullability belongs to columns, not types.
 */
public record JunctionType(TypeKind kind, int precision, int scale) {
    public static final int UNBOUNDED = -1;
    /** Widest decimal the engine carries; matches PostgreSQL's practical limit for computed values. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    public static final JunctionType BOOLEAN = of(TypeKind.BOOLEAN);
    public static final JunctionType TINYINT = of(TypeKind.TINYINT);
    public static final JunctionType SMALLINT = of(TypeKind.SMALLINT);
    public static final JunctionType INTEGER = of(TypeKind.INTEGER);
    public static final JunctionType BIGINT = of(TypeKind.BIGINT);
    public static final JunctionType REAL = of(TypeKind.REAL);
    public static final JunctionType DOUBLE = of(TypeKind.DOUBLE);
    public static final JunctionType VARCHAR = new JunctionType(TypeKind.VARCHAR, UNBOUNDED, 0);
    public static final JunctionType DATE = of(TypeKind.DATE);
    public static final JunctionType TIME = of(TypeKind.TIME);
    public static final JunctionType TIMESTAMP = of(TypeKind.TIMESTAMP);
    public static final JunctionType TIMESTAMP_TZ = of(TypeKind.TIMESTAMP_TZ);
    public static final JunctionType UUID = of(TypeKind.UUID);
    public static final JunctionType JSON = of(TypeKind.JSON);
    public static final JunctionType VARBINARY = new JunctionType(TypeKind.VARBINARY, UNBOUNDED, 0);
    public static final JunctionType NULL = of(TypeKind.NULL);

    public JunctionType {
        Objects.requireNonNull(kind, "kind");
        if (kind == TypeKind.DECIMAL && (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision)) {
            throw new IllegalArgumentException("invalid DECIMAL(" + precision + "," + scale + ")");
        }
    }

    private static JunctionType of(TypeKind kind) {
        return new JunctionType(kind, 0, 0);
    }

    public static JunctionType decimal(int precision, int scale) {
        return new JunctionType(TypeKind.DECIMAL, precision, scale);
    }

    public static JunctionType varchar(int length) {
        return new JunctionType(TypeKind.VARCHAR, length, 0);
    }

    public static JunctionType chr(int length) {
        return new JunctionType(TypeKind.CHAR, length, 0);
    }

    public static JunctionType varbinary(int length) {
        return new JunctionType(TypeKind.VARBINARY, length, 0);
    }

    /** Type with no parameters for a kind that takes none (DECIMAL defaults to (38,0)). */
    public static JunctionType ofKind(TypeKind kind) {
        return switch (kind) {
            case DECIMAL -> decimal(MAX_DECIMAL_PRECISION, 0);
            case VARCHAR, CHAR, VARBINARY -> new JunctionType(kind, UNBOUNDED, 0);
            default -> new JunctionType(kind, 0, 0);
        };
    }

    /** SQL spelling, e.g. {@code DECIMAL(12,2)} or {@code VARCHAR(40)}. */
    @Override
    public String toString() {
        return switch (kind) {
            case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
            case CHAR, VARCHAR, VARBINARY -> precision == UNBOUNDED ? kind.name() : kind.name() + "(" + precision + ")";
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE";
            default -> kind.name();
        };
    }
}
