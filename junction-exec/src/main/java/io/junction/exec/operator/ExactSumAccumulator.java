package io.junction.exec.operator;

import io.junction.exec.expr.CastExpression;
import io.junction.exec.vector.DecimalArithmetic;
import io.junction.types.JunctionType;
import io.junction.types.TypeKind;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * SUM and AVG of integers and decimals, exactly. Each group's sum is an unscaled long at the input's scale;
 * a group whose sum leaves the long range moves to a BigInteger slot and stays there. The result is written
 * in the call's result type: SUM converts with a range check (NUMERIC_OVERFLOW), AVG divides the exact sum
 * by the count, rounding HALF_UP to a DECIMAL result's scale and truncating for an integer result.
 * Only AVG keeps a count per group; SUM needs just a bit saying the group saw a value (else its SUM is NULL).
 */
final class ExactSumAccumulator implements Accumulator {
    private final boolean average;
    private final int inputScale;
    private final JunctionType resultType;
    private long[] sums = new long[16];
    /** Rows added per group, for AVG only. */
    private long[] counts;
    /** Bit g set once group g saw a non-NULL value, for SUM only. */
    private long[] seen;
    private BigInteger[] wideSums;

    ExactSumAccumulator(boolean average, JunctionType inputType, JunctionType resultType) {
        this.average = average;
        this.inputScale = inputType.kind() == TypeKind.DECIMAL ? inputType.scale() : 0;
        this.resultType = resultType;
        if (average) {
            counts = new long[sums.length];
        } else {
            seen = new long[1];
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector input, int rowCount) {
        if (sums.length < groupCount) {
            // grown by half, not doubled: the arrays are the aggregate's memory and slack is held for nothing
            int size = Math.max(groupCount, sums.length + (sums.length >> 1));
            sums = Arrays.copyOf(sums, size);
            if (average) {
                counts = Arrays.copyOf(counts, size);
            } else {
                seen = Arrays.copyOf(seen, (size + 63) >>> 6);
            }
            if (wideSums != null) {
                wideSums = Arrays.copyOf(wideSums, size);
            }
        }
        boolean nulls = input.mayHaveNulls();
        if (input instanceof DecimalVector d) {
            long[] x = d.unscaledValues();
            for (int i = 0; i < rowCount; i++) {
                if (nulls && input.isNull(i)) {
                    continue;
                }
                if (d.isWide(i)) {
                    addWide(groupIds[i], d.getUnscaledBig(i));
                } else {
                    addLong(groupIds[i], x[i]);
                }
            }
        } else {
            long[] x = ((LongVector) input).values();
            for (int i = 0; i < rowCount; i++) {
                if (!nulls || !input.isNull(i)) {
                    addLong(groupIds[i], x[i]);
                }
            }
        }
    }

    private void addLong(int g, long v) {
        count(g);
        if (wideSums != null && wideSums[g] != null) {
            wideSums[g] = wideSums[g].add(BigInteger.valueOf(v));
            return;
        }
        long s = sums[g];
        long r = s + v;
        if (((s ^ r) & (v ^ r)) < 0) {
            // evaluated first: moveToWide may create the array the assignment stores into
            BigInteger base = moveToWide(g);
            wideSums[g] = base.add(BigInteger.valueOf(v));
        } else {
            sums[g] = r;
        }
    }

    private void addWide(int g, BigInteger v) {
        count(g);
        BigInteger base = moveToWide(g);
        wideSums[g] = base.add(v);
    }

    private void count(int g) {
        if (average) {
            counts[g]++;
        } else {
            seen[g >>> 6] |= 1L << g;
        }
    }

    /** Rows added to group g; for SUM only whether there was any (0 or 1). */
    private long countOf(int g) {
        if (g >= sums.length) {
            return 0;
        }
        return average ? counts[g] : (seen[g >>> 6] >>> g) & 1;
    }

    @Override
    public long estimatedBytes(int groupCount) {
        long wide = wideSums == null ? 0 : 8L * wideSums.length;
        return 8L * sums.length + (average ? 8L * counts.length : 8L * seen.length) + wide;
    }

    /** The group's sum as a BigInteger slot, creating it from the long sum on first use. */
    private BigInteger moveToWide(int g) {
        if (wideSums == null) {
            wideSums = new BigInteger[sums.length];
        }
        if (wideSums[g] == null) {
            wideSums[g] = BigInteger.valueOf(sums[g]);
        }
        return wideSums[g];
    }

    @Override
    public Vector result(int groupCount) {
        if (!average && wideSums == null) {
            Vector reused = sumsAsResult(groupCount);
            if (reused != null) {
                return reused;
            }
        }
        Vector out = Vector.create(resultType, groupCount);
        for (int g = 0; g < groupCount; g++) {
            long count = countOf(g);
            if (count == 0) {
                out.setNull(g);
                continue;
            }
            boolean wide = wideSums != null && wideSums[g] != null;
            if (!average && !wide && out instanceof DecimalVector d && d.scale() == inputScale) {
                DecimalArithmetic.store(d, g, sums[g]);
                continue;
            }
            BigDecimal sum = new BigDecimal(wide ? wideSums[g] : BigInteger.valueOf(sums[g]), inputScale);
            write(out, g, average ? mean(sum, count) : sum);
        }
        return out;
    }

    /**
     * A SUM whose every group fits a long, as a vector over the running sums themselves when the result type stores
     * them as they are (an integer, or a decimal of the input's scale): no second array and no per-group conversion.
     * The sums then belong to the result; this accumulator is done. Null where the result type needs a conversion.
     */
    private Vector sumsAsResult(int groupCount) {
        Vector out;
        if (resultType.kind().isInteger() && inputScale == 0) {
            out = LongVector.wrap(resultType, sums);
            for (int g = 0; g < groupCount; g++) {
                CastExpression.checkRange(sums[g], resultType);
            }
        } else if (resultType.kind() == TypeKind.DECIMAL && resultType.scale() == inputScale) {
            for (int g = 0; g < groupCount; g++) {
                if (!DecimalArithmetic.fits(sums[g], resultType.precision())) {
                    throw DecimalArithmetic.overflow(BigDecimal.valueOf(sums[g], inputScale), resultType);
                }
            }
            out = DecimalVector.wrapUnscaled(resultType, sums);
        } else {
            return null;
        }
        for (int g = 0; g < groupCount; g++) {
            if ((seen[g >>> 6] >>> g & 1) == 0) {
                out.setNull(g);
            }
        }
        sums = new long[0];
        seen = new long[1];
        return out;
    }

    private BigDecimal mean(BigDecimal sum, long count) {
        BigDecimal n = BigDecimal.valueOf(count);
        return switch (resultType.kind()) {
            case DECIMAL -> sum.divide(n, resultType.scale(), RoundingMode.HALF_UP);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> sum.divide(n, 0, RoundingMode.DOWN);
            default -> sum.divide(n, java.math.MathContext.DECIMAL64);
        };
    }

    private void write(Vector out, int g, BigDecimal value) {
        switch (out) {
            case DecimalVector d -> DecimalArithmetic.store(d, g, value);
            case DoubleVector d -> d.set(g, value.doubleValue());
            case LongVector l -> {
                BigDecimal whole = value.setScale(0, average ? RoundingMode.DOWN : RoundingMode.HALF_UP);
                try {
                    l.set(g, CastExpression.checkRange(whole.longValueExact(), resultType));
                } catch (ArithmeticException e) {
                    throw DecimalArithmetic.overflow(value, resultType);
                }
            }
            default -> throw new IllegalStateException("SUM/AVG cannot produce " + resultType);
        }
    }
}
