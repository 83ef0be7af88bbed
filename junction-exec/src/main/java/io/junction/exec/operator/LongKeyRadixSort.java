package io.junction.exec.operator;

import io.junction.vector.Batch;
import io.junction.vector.DecimalVector;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * Sorting by a single integer-like key (integers, dates, times, timestamps, decimals that fit a long),
 * the common ORDER BY, without comparisons: a radix sort of (key, row) pairs in 8-bit digits. Keys are flipped
 * so that unsigned digit order is the wanted order (sign bit for signed order, all bits for DESC). The most
 * significant digit in which the keys differ first splits them into up to 256 buckets; each bucket is then
 * sorted least-significant digit first on the digits below, while it fits in the cache, skipping digits in
 * which its keys all agree. Every pass is stable, so equal keys keep input order exactly as the merge sort
 * does. NULL rows are set aside first and put before or after the rest, in input order.
 *
 * <p>Why these digits: each pass scatters into as many places as a digit has values, twice (keys and rows). With
 * 11-bit digits over the whole input, six passes instead of eight, those 4,096 write streams missed the TLB so
 * often that 10M random longs took 2.4 s on a virtual machine where 8-bit digits took 1.5 s (7- and 10-bit ones
 * 1.7 and 2.0 s), and sorting the buckets apart after one split 1.3 s.
 */
final class LongKeyRadixSort {
    /** Below this many rows a comparison sort is as fast and allocates less. */
    private static final int MIN_ROWS = 4096;
    private static final int BITS = 8;
    private static final int BUCKETS = 1 << BITS;

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
        // the most significant digit in which keys differ splits them into buckets first (most significant digit
        // first), each then sorted on the digits below it while it is in the cache (least significant first)
        long differing = 0;
        for (int i = 1; i < n; i++) {
            differing |= keyed[i] ^ keyed[0];
        }
        if (differing != 0) {
            int top = (63 - Long.numberOfLeadingZeros(differing)) / BITS;
            int[] histogram = new int[BUCKETS];
            for (int i = 0; i < n; i++) {
                histogram[digit(keyed[i], top)]++;
            }
            toOffsets(histogram, 0);
            int[] bucketStarts = Arrays.copyOf(histogram, BUCKETS + 1);
            bucketStarts[BUCKETS] = n;
            long[] keyedBuffer = new long[n];
            int[] positionBuffer = new int[n];
            scatter(keyed, positions, keyedBuffer, positionBuffer, 0, n, top, histogram);
            // keyedBuffer now holds the buckets in order; each is sorted in place, with keyed as scratch
            int[][] histograms = new int[top][BUCKETS];
            for (int b = 0; b < BUCKETS; b++) {
                sortBucket(keyedBuffer, positionBuffer, keyed, positions, bucketStarts[b], bucketStarts[b + 1], histograms);
            }
            keyed = keyedBuffer;
            positions = positionBuffer;
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

    /** Turns counts per digit value into where each value's keys start, the first at {@code from}. */
    private static void toOffsets(int[] histogram, int from) {
        for (int b = 0, offset = from; b < BUCKETS; b++) {
            int c = histogram[b];
            histogram[b] = offset;
            offset += c;
        }
    }

    /** Moves keys {@code [from, to)} and their rows to the places {@code offsets} gives their digit {@code pass}, in order. */
    private static void scatter(long[] keys, int[] rows, long[] targetKeys, int[] targetRows, int from, int to, int pass, int[] offsets) {
        for (int i = from; i < to; i++) {
            long k = keys[i];
            int slot = offsets[digit(k, pass)]++;
            targetKeys[slot] = k;
            targetRows[slot] = rows[i];
        }
    }

    private static int digit(long key, int pass) {
        return (int) (key >>> (pass * BITS)) & (BUCKETS - 1);
    }

    /**
     * Sorts {@code keys[from..to)} (and their rows) on the digits below the bucket's, one per histogram in
     * {@code histograms} (reused from bucket to bucket), least significant first, skipping digits in which the
     * bucket's keys all agree; {@code scratchKeys}/{@code scratchRows} over the same range are free to use.
     */
    private static void sortBucket(long[] keys, int[] rows, long[] scratchKeys, int[] scratchRows, int from, int to, int[][] histograms) {
        int size = to - from;
        int above = histograms.length;
        if (size < 2 || above == 0) {
            return;
        }
        for (int[] histogram : histograms) {
            Arrays.fill(histogram, 0);
        }
        for (int i = from; i < to; i++) {
            long k = keys[i];
            for (int p = 0; p < above; p++) {
                histograms[p][digit(k, p)]++;
            }
        }
        long[] sourceKeys = keys;
        int[] sourceRows = rows;
        long[] targetKeys = scratchKeys;
        int[] targetRows = scratchRows;
        for (int p = 0; p < above; p++) {
            int[] histogram = histograms[p];
            if (histogram[digit(sourceKeys[from], p)] == size) {
                continue;
            }
            toOffsets(histogram, from);
            scatter(sourceKeys, sourceRows, targetKeys, targetRows, from, to, p, histogram);
            long[] swapKeys = sourceKeys;
            sourceKeys = targetKeys;
            targetKeys = swapKeys;
            int[] swapRows = sourceRows;
            sourceRows = targetRows;
            targetRows = swapRows;
        }
        if (sourceKeys != keys) {
            System.arraycopy(sourceKeys, from, keys, from, size);
            System.arraycopy(sourceRows, from, rows, from, size);
        }
    }
}
