package io.junction.exec.vector;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.DecimalVector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact decimal arithmetic on unscaled longs with a BigDecimal fallback, and the precision check every
 * DECIMAL result goes through. Fast paths return a sentinel (or null) when a long would overflow so the
 * caller can redo the row with BigDecimal rather than lose digits.
 */
public final class DecimalArithmetic {
    private static final long[] POWERS_OF_TEN = new long[19];
    private static final BigInteger[] BIG_POWERS_OF_TEN = new BigInteger[JunctionType.MAX_DECIMAL_PRECISION + 2];

    static {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
        for (int i = 0; i < BIG_POWERS_OF_TEN.length; i++) {
            BIG_POWERS_OF_TEN[i] = BigInteger.TEN.pow(i);
        }
    }

    private DecimalArithmetic() {
    }

    /** 10^n for 0 ≤ n ≤ 18. */
    public static long powerOfTen(int n) {
        return POWERS_OF_TEN[n];
    }

    /** {@code value * 10^n}, or throws ArithmeticException when it does not fit a long. */
    public static long scaleUp(long value, int n) {
        if (n >= POWERS_OF_TEN.length) {
            if (value == 0) {
                return 0;
            }
            throw new ArithmeticException("overflow");
        }
        return Math.multiplyExact(value, POWERS_OF_TEN[n]);
    }

    /** {@code value / 10^n} rounded half away from zero (HALF_UP), n ≥ 0. */
    public static long scaleDownHalfUp(long value, int n) {
        if (n == 0) {
            return value;
        }
        if (n >= POWERS_OF_TEN.length) {
            return 0;
        }
        long divisor = POWERS_OF_TEN[n];
        long quotient = value / divisor;
        long remainder = value % divisor;
        // compare |remainder| with divisor/2 without overflowing
        if (Math.abs(remainder) >= divisor - Math.abs(remainder)) {
            quotient += value < 0 ? -1 : 1;
        }
        return quotient;
    }

    /** Both values brought to the larger scale, or null when that overflows a long. */
    public static long[] alignExact(long x, int sx, long y, int sy) {
        try {
            if (sx < sy) {
                return new long[] {scaleUp(x, sy - sx), y};
            }
            return new long[] {x, scaleUp(y, sx - sy)};
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Whether an unscaled value has at most {@code precision} digits. */
    public static boolean fits(long unscaled, int precision) {
        if (precision >= 19) {
            return true;
        }
        long limit = POWERS_OF_TEN[precision];
        return unscaled < limit && unscaled > -limit;
    }

    public static boolean fits(BigInteger unscaled, int precision) {
        return unscaled.abs().compareTo(BIG_POWERS_OF_TEN[precision]) < 0;
    }

    /** Stores an unscaled value already at the vector's scale, raising NUMERIC_OVERFLOW when too wide. */
    public static void store(DecimalVector out, int row, long unscaled) {
        JunctionType type = out.type();
        if (!fits(unscaled, type.precision())) {
            throw overflow(BigDecimal.valueOf(unscaled, type.scale()), type);
        }
        out.setUnscaled(row, unscaled);
    }

    /** Stores a value rounded HALF_UP to the vector's scale, raising NUMERIC_OVERFLOW when too wide. */
    public static void store(DecimalVector out, int row, BigDecimal value) {
        JunctionType type = out.type();
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        BigInteger unscaled = scaled.unscaledValue();
        if (!fits(unscaled, type.precision())) {
            throw overflow(value, type);
        }
        out.setUnscaled(row, unscaled);
    }

    public static JunctionException overflow(Object value, JunctionType type) {
        String text = value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
        return new JunctionException(ErrorCode.NUMERIC_OVERFLOW, "value " + text + " is out of range for type " + type);
    }
}
