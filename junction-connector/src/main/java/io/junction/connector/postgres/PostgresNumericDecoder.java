package io.junction.connector.postgres;

import io.junction.types.JunctionType;
import io.junction.vector.DecimalVector;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * PostgreSQL's binary {@code numeric} straight into a {@link DecimalVector} at the vector's scale.
 *
 * <p>The wire form is {@code ndigits, weight, sign, dscale} (int16 each) followed by {@code ndigits} base-10000
 * digits, most significant first, the first standing for 10000^weight; leading and trailing zero digits are
 * not sent. So the value is {@code U × 10^(4·(weight − ndigits + 1))} where U is the digits read as one integer,
 * and its unscaled form at scale s is {@code U × 10^e} with {@code e = 4·(weight − ndigits + 1) + s}: a
 * multiplication when e ≥ 0, a division rounded half-up (on the magnitude, as BigDecimal's HALF_UP) when e < 0.
 * U is accumulated in a long while it fits, so values of up to 18 digits never allocate; wider ones use BigInteger.
 * Rounding and the precision check match {@link io.junction.connector.jdbc.DecimalColumnReader} exactly.
 */
final class PostgresNumericDecoder {
    private static final int SIGN_NEGATIVE = 0x4000;
    private static final int SIGN_NAN = 0xC000;
    private static final int SIGN_POSITIVE_INFINITY = 0xD000;
    private static final int SIGN_NEGATIVE_INFINITY = 0xF000;
    private static final long[] POWERS_OF_TEN = new long[19];
    private static final long ACCUMULATE_LIMIT = (Long.MAX_VALUE - 9999) / 10_000;

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final JunctionType type;
    private final int scale;
    private final int precision;
    private final BigInteger limit;

    PostgresNumericDecoder(JunctionType type) {
        this.type = type;
        this.scale = type.scale();
        this.precision = type.precision();
        this.limit = BigInteger.TEN.pow(precision);
    }

    void decode(byte[] buffer, int offset, DecimalVector target, int row) {
        int ndigits = BinaryWire.readShort(buffer, offset) & 0xFFFF;
        int weight = BinaryWire.readShort(buffer, offset + 2);
        int sign = BinaryWire.readShort(buffer, offset + 4) & 0xFFFF;
        if (sign != 0 && sign != SIGN_NEGATIVE) {
            throw new IllegalArgumentException(special(sign) + " cannot be carried as " + type
                    + "; filter it out or cast the column to double precision in the source");
        }
        if (ndigits == 0) {
            target.setUnscaled(row, 0L);
            return;
        }
        int exponent = 4 * (weight - ndigits + 1) + scale;
        int digits = offset + 8;
        long small = 0;
        int i = 0;
        while (i < ndigits && small <= ACCUMULATE_LIMIT) {
            small = small * 10_000 + BinaryWire.readShort(buffer, digits + 2 * i);
            i++;
        }
        if (i == ndigits) {
            long unscaled = exponent >= 0 ? scaleUp(small, exponent) : scaleDown(small, -exponent);
            if (unscaled != Long.MIN_VALUE) {
                if (precision <= 18 && unscaled >= POWERS_OF_TEN[precision]) {
                    throw overflow(buffer, offset);
                }
                target.setUnscaled(row, sign == SIGN_NEGATIVE ? -unscaled : unscaled);
                return;
            }
        }
        decodeWide(buffer, offset, ndigits, sign, exponent, target, row);
    }

    /** {@code value × 10^exponent}, or Long.MIN_VALUE when that does not fit a long. */
    private static long scaleUp(long value, int exponent) {
        if (exponent > 18) {
            return Long.MIN_VALUE;
        }
        long factor = POWERS_OF_TEN[exponent];
        long high = Math.multiplyHigh(value, factor);
        long product = value * factor;
        return high != 0 || product < 0 ? Long.MIN_VALUE : product;
    }

    /** {@code value / 10^exponent} rounded half-up; value is non-negative and below 10^19. */
    private static long scaleDown(long value, int exponent) {
        if (exponent > 19) {
            return 0;
        }
        if (exponent == 19) {
            // value < 9.3·10^18 < 10^19: the quotient is 0, and it rounds up from one half, 5·10^18.
            return value >= 5_000_000_000_000_000_000L ? 1 : 0;
        }
        long divisor = POWERS_OF_TEN[exponent];
        long quotient = value / divisor;
        long remainder = value - quotient * divisor;
        return remainder >= divisor - remainder ? quotient + 1 : quotient;
    }

    private void decodeWide(byte[] buffer, int offset, int ndigits, int sign, int exponent, DecimalVector target, int row) {
        // U has at least 4·(ndigits − 1) + 1 digits: a huge positive exponent overflows before any arithmetic.
        if (exponent > 0 && 4 * (ndigits - 1) + 1 + exponent > precision) {
            throw overflow(buffer, offset);
        }
        if (exponent < 0 && -exponent > 4 * ndigits + 1) {
            target.setUnscaled(row, 0L);
            return;
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(BinaryWire.readShort(buffer, offset + 8 + 2 * i)));
        }
        if (exponent >= 0) {
            unscaled = unscaled.multiply(BigInteger.TEN.pow(exponent));
        } else {
            BigInteger divisor = BigInteger.TEN.pow(-exponent);
            BigInteger[] qr = unscaled.divideAndRemainder(divisor);
            unscaled = qr[1].shiftLeft(1).compareTo(divisor) >= 0 ? qr[0].add(BigInteger.ONE) : qr[0];
        }
        if (unscaled.compareTo(limit) >= 0) {
            throw overflow(buffer, offset);
        }
        target.setUnscaled(row, sign == SIGN_NEGATIVE ? unscaled.negate() : unscaled);
    }

    /** The exact value, for messages and for reading a numeric as a double. */
    static BigDecimal toBigDecimal(byte[] buffer, int offset) {
        int ndigits = BinaryWire.readShort(buffer, offset) & 0xFFFF;
        int weight = BinaryWire.readShort(buffer, offset + 2);
        int sign = BinaryWire.readShort(buffer, offset + 4) & 0xFFFF;
        if (sign != 0 && sign != SIGN_NEGATIVE) {
            throw new IllegalArgumentException(special(sign) + " cannot be carried as a number");
        }
        BigInteger unscaled = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(10_000);
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(base).add(BigInteger.valueOf(BinaryWire.readShort(buffer, offset + 8 + 2 * i)));
        }
        BigDecimal value = new BigDecimal(sign == SIGN_NEGATIVE ? unscaled.negate() : unscaled, -4 * (weight - ndigits + 1));
        return ndigits == 0 ? BigDecimal.ZERO : value;
    }

    /** The value as the nearest double, with NaN and the infinities as themselves (as pgjdbc's getDouble reads them). */
    static double toDouble(byte[] buffer, int offset) {
        return switch (BinaryWire.readShort(buffer, offset + 4) & 0xFFFF) {
            case SIGN_NAN -> Double.NaN;
            case SIGN_POSITIVE_INFINITY -> Double.POSITIVE_INFINITY;
            case SIGN_NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
            default -> toBigDecimal(buffer, offset).doubleValue();
        };
    }

    private ArithmeticException overflow(byte[] buffer, int offset) {
        return new ArithmeticException("value " + toBigDecimal(buffer, offset).toPlainString() + " does not fit " + type);
    }

    private static String special(int sign) {
        return switch (sign) {
            case SIGN_NAN -> "numeric NaN";
            case SIGN_POSITIVE_INFINITY -> "numeric Infinity";
            case SIGN_NEGATIVE_INFINITY -> "numeric -Infinity";
            default -> "a numeric with unknown sign word 0x" + Integer.toHexString(sign);
        };
    }
}
