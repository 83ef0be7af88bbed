package io.junction.exec.operator;

import io.junction.vector.Batch;
import io.junction.vector.DecimalVector;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.util.List;

/**
 * Sorting by a single integer-like key (integers, dates, times, timestamps, decimals that fit a long),
 * the common ORDER BY, without comparisons: a least-significant-digit radix sort of (key, row) pairs in
 * 11-bit digits. Keys are flipped so that unsigned digit order is the wanted order (sign bit for signed
 * order, all bits for DESC); digits in which all keys agree are skipped. LSD radix sort is stable, so
 * equal keys keep input order exactly as the merge sort does. NULL rows are set aside first and put
 * before or after the rest, in input order.
 */
final class LongKeyRadixSort {
    /** Below this many rows a comparison sort is as fast and allocates less. */
    private static final int MIN_ROWS = 4096;
    private static final int BITS = 11;
    private static final int BUCKETS = 1 << BITS;
    private static final int PASSES = (64 + BITS - 1) / BITS;

    private LongKeyRadixSort() {
    }

    /** Sorts {@code rows[0..count)} if the keys suit this sort and returns true; false leaves them untouched. */
    static boolean trySort(int[] rows, int count, Batch batch, List<SortKey> keys) {
        if (keys.size() != 1 || count < MIN_ROWS) {
            return false;
        }
        SortKey key = keys.getFirst();
        Vector column = batch.column(key.column());
        long[] values = switch (column) {
            case LongVector l -> l.values();
            case DecimalVector d when !d.hasWideValues() -> d.unscaledValues();
            default -> null;
        };
        if (values == null) {
            return false;
        }
        sort(rows, count, column, values, key);
        return true;
    }

    private static void sort(int[] rows, int count, Vector column, long[] values, SortKey key) {
        long flip = key.ascending() ? Long.MIN_VALUE : Long.MAX_VALUE;
        long[] keyed = new long[count];
        int[] positions = new int[count];
        int[] nullRows = null;
        int n = 0;
        int nulls = 0;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (column.mayHaveNulls() && column.isNull(row)) {
                if (nullRows == null) {
                    nullRows = new int[count];
                }
                nullRows[nulls++] = row;
                continue;
            }
            keyed[n] = values[row] ^ flip;
            positions[n] = row;
            n++;
        }
        int[][] histograms = new int[PASSES][BUCKETS];
        for (int i = 0; i < n; i++) {
            long k = keyed[i];
            for (int p = 0; p < PASSES; p++) {
                histograms[p][(int) (k >>> (p * BITS)) & (BUCKETS - 1)]++;
            }
        }
        long[] keyedBuffer = new long[n];
        int[] positionBuffer = new int[n];
        for (int p = 0; p < PASSES; p++) {
            int[] histogram = histograms[p];
            if (n == 0 || histogram[(int) (keyed[0] >>> (p * BITS)) & (BUCKETS - 1)] == n) {
                continue;
            }
            int offset = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int c = histogram[b];
                histogram[b] = offset;
                offset += c;
            }
            int shift = p * BITS;
            for (int i = 0; i < n; i++) {
                long k = keyed[i];
                int slot = histogram[(int) (k >>> shift) & (BUCKETS - 1)]++;
                keyedBuffer[slot] = k;
                positionBuffer[slot] = positions[i];
            }
            long[] swapKeys = keyed;
            keyed = keyedBuffer;
            keyedBuffer = swapKeys;
            int[] swapPositions = positions;
            positions = positionBuffer;
            positionBuffer = swapPositions;
        }
        int at = 0;
        if (key.nullsFirst() && nulls > 0) {
            System.arraycopy(nullRows, 0, rows, 0, nulls);
            at = nulls;
        }
        System.arraycopy(positions, 0, rows, at, n);
        if (!key.nullsFirst() && nulls > 0) {
            System.arraycopy(nullRows, 0, rows, n, nulls);
        }
    }
}
