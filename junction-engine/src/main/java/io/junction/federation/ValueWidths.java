package io.junction.federation;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BinaryVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.util.List;

/**
 * How many bytes values take on their way from a source: estimated from column types before a query runs (for
 * the cost model), and counted from the batches that actually arrived (for EXPLAIN ANALYZE and the statement
 * statistics). Both count payload only, no wire framing, so estimate and count are comparable.
 */
public final class ValueWidths {
    /** Assumed length of text without a declared length: no statistics of average widths reach the planner yet. */
    private static final double UNBOUNDED_TEXT_WIDTH = 32;

    private ValueWidths() {
    }

    /** Estimated bytes of one value of {@code type}; declared-length text is assumed half full on average. */
    public static double estimatedWidth(JunctionType type) {
        return switch (type.kind()) {
            case BOOLEAN, TINYINT, NULL -> 1;
            case SMALLINT -> 2;
            case INTEGER, REAL, DATE -> 4;
            case BIGINT, DOUBLE, TIME, TIMESTAMP, TIMESTAMP_TZ -> 8;
            case DECIMAL -> type.precision() <= 18 ? 8 : 16;
            case UUID -> 16;
            case CHAR -> type.precision() > 0 && type.precision() != JunctionType.UNBOUNDED ? type.precision() : UNBOUNDED_TEXT_WIDTH;
            case VARCHAR, VARBINARY, JSON -> type.precision() > 0 && type.precision() != JunctionType.UNBOUNDED
                    ? Math.min(UNBOUNDED_TEXT_WIDTH, Math.max(1, type.precision() / 2.0)) : UNBOUNDED_TEXT_WIDTH;
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

    /** Bytes of the non-null values in {@code batch}: text and binary by their length, the rest by their type's width. */
    public static long countedBytes(Batch batch) {
        long bytes = 0;
        for (int c = 0; c < batch.columnCount(); c++) {
            Vector v = batch.column(c);
            if (!(v instanceof StringVector || v instanceof BinaryVector) && !v.mayHaveNulls()) {
                bytes += (long) estimatedWidth(v.type()) * batch.rowCount();
                continue;
            }
            for (int i = 0; i < batch.rowCount(); i++) {
                if (v.isNull(i)) {
                    continue;
                }
                bytes += switch (v) {
                    case StringVector s -> s.get(i).length();
                    case BinaryVector b -> b.get(i).length;
                    default -> (long) estimatedWidth(v.type());
                };
            }
        }
        return bytes;
    }
}
