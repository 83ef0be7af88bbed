package io.junction.exec.vector;

import io.junction.vector.BinaryVector;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Ordering and equality of single values held in vectors of the same kind family, for the row-at-a-time
 * paths (sort comparators across vectors, group and join key checks, MIN/MAX). Batch-wide comparisons
 * have their own loops in the comparison expression.
 */
public final class ValueComparison {
    private ValueComparison() {
    }

    /** Compares two non-NULL values. */
    public static int compare(Vector a, int i, Vector b, int j) {
        return switch (a) {
            case LongVector la -> Long.compare(la.get(i), ((LongVector) b).get(j));
            case DoubleVector da -> compareDoubles(da.get(i), ((DoubleVector) b).get(j));
            case DecimalVector xa -> compareDecimals(xa, i, (DecimalVector) b, j);
            case BooleanVector ba -> Boolean.compare(ba.get(i), ((BooleanVector) b).get(j));
            case StringVector sa -> CodePointOrder.compare(sa.get(i), ((StringVector) b).get(j));
            case BinaryVector ya -> Arrays.compareUnsigned(ya.get(i), ((BinaryVector) b).get(j));
        };
    }

    /** Double order as PostgreSQL has it: -0.0 equals 0.0, NaN equals NaN and sorts above everything. */
    public static int compareDoubles(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        if (a == b) {
            return 0;
        }
        return Double.compare(a, b);
    }

    public static int compareDecimals(DecimalVector a, int i, DecimalVector b, int j) {
        if (!a.isWide(i) && !b.isWide(j)) {
            long x = a.unscaledValues()[i];
            long y = b.unscaledValues()[j];
            int sa = a.scale();
            int sb = b.scale();
            if (sa == sb) {
                return Long.compare(x, y);
            }
            long[] aligned = DecimalArithmetic.alignExact(x, sa, y, sb);
            if (aligned != null) {
                return Long.compare(aligned[0], aligned[1]);
            }
        }
        return a.getBigDecimal(i).compareTo(b.getBigDecimal(j));
    }

    /** Grouping equality: two NULLs are equal, a NULL and a value are not. */
    public static boolean equalOrBothNull(Vector a, int i, Vector b, int j) {
        boolean na = a.isNull(i);
        boolean nb = b.isNull(j);
        if (na || nb) {
            return na && nb;
        }
        return equal(a, i, b, j);
    }

    /** Equality of two non-NULL values of the same type. */
    public static boolean equal(Vector a, int i, Vector b, int j) {
        return switch (a) {
            case LongVector la -> la.get(i) == ((LongVector) b).get(j);
            case DoubleVector da -> compareDoubles(da.get(i), ((DoubleVector) b).get(j)) == 0;
            case DecimalVector xa -> decimalsEqual(xa, i, (DecimalVector) b, j);
            case BooleanVector ba -> ba.get(i) == ((BooleanVector) b).get(j);
            case StringVector sa -> sa.get(i).equals(((StringVector) b).get(j));
            case BinaryVector ya -> Arrays.equals(ya.get(i), ((BinaryVector) b).get(j));
        };
    }

    private static boolean decimalsEqual(DecimalVector a, int i, DecimalVector b, int j) {
        if (a.scale() != b.scale()) {
            return compareDecimals(a, i, b, j) == 0;
        }
        boolean wa = a.isWide(i);
        boolean wb = b.isWide(j);
        if (!wa && !wb) {
            return a.unscaledValues()[i] == b.unscaledValues()[j];
        }
        // wide values never fit a long, so a wide and a narrow value of one scale always differ
        if (wa != wb) {
            return false;
        }
        BigInteger x = a.getUnscaledBig(i);
        return x.equals(b.getUnscaledBig(j));
    }
}
