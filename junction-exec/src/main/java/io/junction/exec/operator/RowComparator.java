package io.junction.exec.operator;

import io.junction.exec.vector.CodePointOrder;
import io.junction.exec.vector.ValueComparison;
import io.junction.vector.Batch;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.util.List;

/**
 * Orders two rows of one materialized batch by sort keys. Built once per batch: each key becomes a
 * comparator bound to its column's primitive array, wrapped for direction and NULL placement.
 */
@FunctionalInterface
interface RowComparator {
    int compare(int a, int b);

    static RowComparator of(Batch batch, List<SortKey> keys) {
        RowComparator combined = null;
        for (int k = keys.size() - 1; k >= 0; k--) {
            RowComparator key = forKey(batch.column(keys.get(k).column()), keys.get(k));
            RowComparator rest = combined;
            combined = rest == null ? key : (a, b) -> {
                int c = key.compare(a, b);
                return c != 0 ? c : rest.compare(a, b);
            };
        }
        return combined == null ? (a, b) -> 0 : combined;
    }

    private static RowComparator forKey(Vector v, SortKey key) {
        RowComparator values = switch (v) {
            case LongVector l -> {
                long[] x = l.values();
                yield (a, b) -> Long.compare(x[a], x[b]);
            }
            case DoubleVector d -> {
                double[] x = d.values();
                yield (a, b) -> ValueComparison.compareDoubles(x[a], x[b]);
            }
            case DecimalVector d when !d.hasWideValues() -> {
                long[] x = d.unscaledValues();
                yield (a, b) -> Long.compare(x[a], x[b]);
            }
            case BooleanVector bv -> {
                boolean[] x = bv.values();
                yield (a, b) -> Boolean.compare(x[a], x[b]);
            }
            case StringVector s -> (a, b) -> CodePointOrder.compare(s.get(a), s.get(b));
            default -> (a, b) -> ValueComparison.compare(v, a, v, b);
        };
        RowComparator directed = key.ascending() ? values : (a, b) -> values.compare(b, a);
        if (!v.mayHaveNulls()) {
            return directed;
        }
        int nullVsValue = key.nullsFirst() ? -1 : 1;
        return (a, b) -> {
            boolean na = v.isNull(a);
            boolean nb = v.isNull(b);
            if (na || nb) {
                return na == nb ? 0 : (na ? nullVsValue : -nullVsValue);
            }
            return directed.compare(a, b);
        };
    }

    /** Stable merge sort of {@code rows[0..count)}; stability keeps input order among equal keys. */
    static void sort(int[] rows, int count, RowComparator comparator) {
        int[] buffer = new int[count];
        for (int width = 1; width < count; width *= 2) {
            for (int lo = 0; lo < count - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, count);
                if (comparator.compare(rows[mid - 1], rows[mid]) <= 0) {
                    continue;
                }
                System.arraycopy(rows, lo, buffer, lo, hi - lo);
                int i = lo;
                int j = mid;
                int o = lo;
                while (i < mid && j < hi) {
                    rows[o++] = comparator.compare(buffer[j], buffer[i]) < 0 ? buffer[j++] : buffer[i++];
                }
                while (i < mid) {
                    rows[o++] = buffer[i++];
                }
                while (j < hi) {
                    rows[o++] = buffer[j++];
                }
            }
        }
    }
}
