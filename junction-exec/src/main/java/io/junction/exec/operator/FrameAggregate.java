package io.junction.exec.operator;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.expr.CastExpression;
import io.junction.exec.vector.DecimalArithmetic;
import io.junction.exec.vector.ValueComparison;
import io.junction.types.JunctionType;
import io.junction.types.TypeKind;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The state of one aggregate (COUNT, SUM, AVG, MIN, MAX) over a window frame, fed one row at a time in
 * partition order. The window operator adds rows while the frame only grows at its end and resets the state
 * when the frame's start moves, as PostgreSQL does without inverse transitions, so floating-point sums see
 * the same rows in the same order. Integer and decimal sums stay exact (a long, then a BigInteger once a
 * sum leaves the long range). Results are written to a raw column that is cast to the call's type at the end.
 */
final class FrameAggregate {
    private final WindowFunction function;
    private final Vector input;
    private final JunctionType resultType;
    private final Vector raw;
    private final int inputScale;
    private long count;
    private long sum;
    private BigInteger wideSum;
    private double doubleSum;
    private int best = -1;

    FrameAggregate(WindowFunction function, Vector input, JunctionType resultType, int rowCount) {
        this.function = function;
        this.input = input;
        this.resultType = resultType;
        this.inputScale = input != null && input.type().kind() == TypeKind.DECIMAL ? input.type().scale() : 0;
        this.raw = Vector.create(rawType(), rowCount);
        if (isSum() && input != null && !(input instanceof DoubleVector) && !(input instanceof LongVector) && !(input instanceof DecimalVector)) {
            throw new JunctionException(ErrorCode.DATATYPE_MISMATCH, function + " needs a number, not " + input.type());
        }
    }

    private boolean isSum() {
        return function == WindowFunction.SUM || function == WindowFunction.SUM0 || function == WindowFunction.AVG;
    }

    private JunctionType rawType() {
        return switch (function) {
            case COUNT, COUNT_STAR -> JunctionType.BIGINT;
            case MIN, MAX -> input.type();
            case SUM, SUM0 -> input instanceof DoubleVector ? JunctionType.DOUBLE : JunctionType.decimal(JunctionType.MAX_DECIMAL_PRECISION, inputScale);
            case AVG -> input instanceof DoubleVector ? JunctionType.DOUBLE
                    : JunctionType.decimal(JunctionType.MAX_DECIMAL_PRECISION, resultType.kind() == TypeKind.DECIMAL ? resultType.scale() : Math.max(6, inputScale));
            default -> throw new IllegalArgumentException(function + " is not a frame aggregate");
        };
    }

    void reset() {
        count = 0;
        sum = 0;
        wideSum = null;
        doubleSum = 0;
        best = -1;
    }

    void add(int row) {
        if (function == WindowFunction.COUNT_STAR) {
            count++;
            return;
        }
        if (input.isNull(row)) {
            return;
        }
        count++;
        switch (function) {
            case MIN, MAX -> {
                if (best < 0) {
                    best = row;
                } else {
                    int c = ValueComparison.compare(input, row, input, best);
                    if (function == WindowFunction.MAX ? c > 0 : c < 0) {
                        best = row;
                    }
                }
            }
            case SUM, SUM0, AVG -> {
                switch (input) {
                    case DoubleVector d -> doubleSum += d.get(row);
                    case LongVector l -> addExact(l.get(row));
                    case DecimalVector d -> {
                        if (d.isWide(row)) {
                            wideSum = currentSum().add(d.getUnscaledBig(row));
                        } else {
                            addExact(d.unscaledValues()[row]);
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            default -> {
            }
        }
    }

    private void addExact(long v) {
        if (wideSum != null) {
            wideSum = wideSum.add(BigInteger.valueOf(v));
            return;
        }
        long r = sum + v;
        if (((sum ^ r) & (v ^ r)) < 0) {
            wideSum = BigInteger.valueOf(sum).add(BigInteger.valueOf(v));
        } else {
            sum = r;
        }
    }

    private BigInteger currentSum() {
        return wideSum != null ? wideSum : BigInteger.valueOf(sum);
    }

    /** Writes the aggregate of the rows added since the last reset as row {@code k} of the result. */
    void write(int k) {
        switch (function) {
            case COUNT, COUNT_STAR -> ((LongVector) raw).set(k, count);
            case MIN, MAX -> {
                if (best < 0) {
                    raw.setNull(k);
                } else {
                    raw.copyRow(input, best, k);
                }
            }
            case SUM, SUM0, AVG -> {
                if (count == 0) {
                    if (function == WindowFunction.SUM0) {
                        if (raw instanceof DoubleVector d) {
                            d.set(k, 0);
                        } else {
                            ((DecimalVector) raw).setUnscaled(k, 0);
                        }
                    } else {
                        raw.setNull(k);
                    }
                    return;
                }
                if (raw instanceof DoubleVector d) {
                    d.set(k, function == WindowFunction.AVG ? doubleSum / count : doubleSum);
                    return;
                }
                DecimalVector out = (DecimalVector) raw;
                if (function != WindowFunction.AVG && wideSum == null) {
                    DecimalArithmetic.store(out, k, sum);
                    return;
                }
                BigDecimal total = new BigDecimal(currentSum(), inputScale);
                if (function == WindowFunction.AVG) {
                    RoundingMode mode = resultType.kind().isInteger() ? RoundingMode.DOWN : RoundingMode.HALF_UP;
                    total = total.divide(BigDecimal.valueOf(count), out.scale(), mode);
                }
                DecimalArithmetic.store(out, k, total);
            }
            default -> throw new IllegalStateException(function.name());
        }
    }

    /** The results of rows {@code 0..rowCount} in the call's result type. */
    Vector result(int rowCount) {
        return CastExpression.cast(raw, rowCount, resultType);
    }
}
