package io.junction.exec.vector;

import io.junction.vector.BinaryVector;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.util.Arrays;

/**
 * Hash codes of key columns for hash joins and hash aggregation. Values equal under
 * {@link ValueComparison#equal} hash alike (so -0.0 and 0.0, and every NaN, hash the same); decimals
 * must share a scale, which holds for one column and for join keys the planner cast to one type.
 */
public final class ValueHashing {
    private static final int NULL_HASH = 0x5bd1e995;

    private ValueHashing() {
    }

    /** Folds column {@code v}'s rows {@code 0..rowCount} into {@code hashes} (start from all zeros). */
    public static void combine(Vector v, int rowCount, int[] hashes) {
        switch (v) {
            case LongVector lv -> {
                long[] values = lv.values();
                for (int i = 0; i < rowCount; i++) {
                    hashes[i] = hashes[i] * 31 + mix(values[i]);
                }
            }
            case DoubleVector dv -> {
                double[] values = dv.values();
                for (int i = 0; i < rowCount; i++) {
                    hashes[i] = hashes[i] * 31 + hashDouble(values[i]);
                }
            }
            default -> {
                for (int i = 0; i < rowCount; i++) {
                    hashes[i] = hashes[i] * 31 + hashValue(v, i);
                }
            }
        }
        if (v.mayHaveNulls()) {
            // NULL rows may hold any leftover value, so their contribution is replaced by a constant
            for (int i = 0; i < rowCount; i++) {
                if (v.isNull(i)) {
                    hashes[i] = hashes[i] - contribution(v, i) + NULL_HASH;
                }
            }
        }
    }

    private static int contribution(Vector v, int i) {
        return switch (v) {
            case LongVector lv -> mix(lv.get(i));
            case DoubleVector dv -> hashDouble(dv.get(i));
            default -> hashValue(v, i);
        };
    }

    /** Hash of one value; NULL has a fixed hash. */
    public static int hashValue(Vector v, int i) {
        if (v.isNull(i)) {
            return NULL_HASH;
        }
        return switch (v) {
            case LongVector lv -> mix(lv.get(i));
            case DoubleVector dv -> hashDouble(dv.get(i));
            case DecimalVector xv -> xv.isWide(i) ? xv.getUnscaledBig(i).hashCode() : mix(xv.unscaledValues()[i]);
            case BooleanVector bv -> bv.get(i) ? 1231 : 1237;
            case StringVector sv -> sv.get(i).hashCode();
            case BinaryVector yv -> Arrays.hashCode(yv.get(i));
        };
    }

    private static int hashDouble(double d) {
        // 0.0 == -0.0 must hash alike; doubleToLongBits already folds all NaNs into one
        return d == 0.0 ? 0 : mix(Double.doubleToLongBits(d));
    }

    /** Spreads a long's bits so that sequential keys do not cluster in a power-of-two table. */
    public static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
