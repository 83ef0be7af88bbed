package io.junction.federation;

import io.junction.types.JunctionType;
import io.junction.vector.PayloadBytes;

import java.util.List;

/**
 * How many bytes values take on their way from a source, estimated from column types before a query runs
 * (for the cost model). What actually arrived is counted by {@link PayloadBytes} (for EXPLAIN ANALYZE and
 * the statement statistics) with the same widths for fixed-width types, so estimate and count compare.
 */
public final class ValueWidths {
    /** Assumed length of text without a declared length: no statistics of average widths reach the planner yet. */
    private static final double UNBOUNDED_TEXT_WIDTH = 32;

    private ValueWidths() {
    }

    /** Estimated bytes of one value of {@code type}; declared-length text is assumed half full on average. */
    public static double estimatedWidth(JunctionType type) {
        return switch (type.kind()) {
            case UUID -> 36;
            case CHAR -> type.precision() > 0 && type.precision() != JunctionType.UNBOUNDED ? type.precision() : UNBOUNDED_TEXT_WIDTH;
            case VARCHAR, VARBINARY, JSON -> type.precision() > 0 && type.precision() != JunctionType.UNBOUNDED
                    ? Math.min(UNBOUNDED_TEXT_WIDTH, Math.max(1, type.precision() / 2.0)) : UNBOUNDED_TEXT_WIDTH;
            default -> PayloadBytes.fixedWidth(type);
        };
    }

    /** Estimated bytes of one row of columns of {@code types}. */
    public static double estimatedRowWidth(List<JunctionType> types) {
        double width = 0;
        for (JunctionType t : types) {
            width += estimatedWidth(t);
        }
        return Math.max(1, width);
    }
}
