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
import java.math.MathContext;
import java.util.Arrays;

/**
 * VAR_POP, VAR_SAMP, STDDEV_POP and STDDEV_SAMP. Floating-point input folds each value with the
 * Youngs-Cramer update PostgreSQL uses for float8 (count, sum, sum of squared deviations), which avoids the
 * cancellation of the naive formula. Integer and decimal input keeps exact sums of values and of squares and
 * computes n·Σx² − (Σx)² exactly before the one division (and square root) at 40 significant digits, so the
 * result is exact to the result type's scale. Fewer than two values give NULL for the sample forms; none
 * gives NULL for all.
 */
final class VarianceAccumulator implements Accumulator {
    private static final MathContext PRECISION = new MathContext(40);

    private final AggregateFunction function;
    private final JunctionType resultType;
    private final boolean exact;
    private final int inputScale;
    private long[] counts = new long[16];
    private double[] sums = new double[16];
    private double[] squares = new double[16];
    private BigInteger[] exactSums;
    private BigInteger[] exactSquares;

    VarianceAccumulator(AggregateFunction function, JunctionType inputType, JunctionType resultType) {
        this.function = function;
        this.resultType = resultType;
        TypeKind kind = inputType.kind();
        if (!kind.isNumeric()) {
            throw new io.junction.error.JunctionException(io.junction.error.ErrorCode.DATATYPE_MISMATCH,
                    function + " needs a number, not " + inputType);
        }
        this.exact = kind != TypeKind.REAL && kind != TypeKind.DOUBLE;
        this.inputScale = kind == TypeKind.DECIMAL ? inputType.scale() : 0;
        if (exact) {
            exactSums = new BigInteger[16];
            exactSquares = new BigInteger[16];
        }
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector input, int rowCount) {
        if (counts.length < groupCount) {
            int size = Math.max(groupCount, counts.length * 2);
            counts = Arrays.copyOf(counts, size);
            sums = Arrays.copyOf(sums, size);
            squares = Arrays.copyOf(squares, size);
            if (exact) {
                exactSums = Arrays.copyOf(exactSums, size);
                exactSquares = Arrays.copyOf(exactSquares, size);
            }
        }
        boolean nulls = input.mayHaveNulls();
        switch (input) {
            case DoubleVector d -> {
                double[] x = d.values();
                for (int i = 0; i < rowCount; i++) {
                    if (nulls && input.isNull(i)) {
                        continue;
                    }
                    int g = groupIds[i];
                    long n = ++counts[g];
                    sums[g] += x[i];
                    if (n > 1) {
                        double deviation = x[i] * n - sums[g];
                        squares[g] += deviation * deviation / (n * (double) (n - 1));
                    }
                }
            }
            case LongVector l -> {
                long[] x = l.values();
                for (int i = 0; i < rowCount; i++) {
                    if (!nulls || !input.isNull(i)) {
                        addExact(groupIds[i], BigInteger.valueOf(x[i]));
                    }
                }
            }
            case DecimalVector d -> {
                for (int i = 0; i < rowCount; i++) {
                    if (!nulls || !input.isNull(i)) {
                        addExact(groupIds[i], d.getUnscaledBig(i));
                    }
                }
            }
            default -> throw new IllegalStateException("variance of " + input.type());
        }
    }

    private void addExact(int g, BigInteger v) {
        counts[g]++;
        exactSums[g] = exactSums[g] == null ? v : exactSums[g].add(v);
        BigInteger square = v.multiply(v);
        exactSquares[g] = exactSquares[g] == null ? square : exactSquares[g].add(square);
    }

    private boolean sample() {
        return function == AggregateFunction.VAR_SAMP || function == AggregateFunction.STDDEV_SAMP;
    }

    private boolean root() {
        return function == AggregateFunction.STDDEV_POP || function == AggregateFunction.STDDEV_SAMP;
    }

    @Override
    public Vector result(int groupCount) {
        if (!exact) {
            DoubleVector out = (DoubleVector) Vector.create(JunctionType.DOUBLE, groupCount);
            for (int g = 0; g < groupCount; g++) {
                long n = g < counts.length ? counts[g] : 0;
                if (n == 0 || (sample() && n == 1)) {
                    out.setNull(g);
                    continue;
                }
                double variance = squares[g] / (sample() ? n - 1 : n);
                out.set(g, root() ? Math.sqrt(variance) : variance);
            }
            return CastExpression.cast(out, groupCount, resultType);
        }
        DecimalVector out = (DecimalVector) Vector.create(JunctionType.decimal(JunctionType.MAX_DECIMAL_PRECISION, 16), groupCount);
        for (int g = 0; g < groupCount; g++) {
            long n = g < counts.length ? counts[g] : 0;
            if (n == 0 || (sample() && n == 1)) {
                out.setNull(g);
                continue;
            }
            BigInteger count = BigInteger.valueOf(n);
            BigInteger numerator = count.multiply(exactSquares[g]).subtract(exactSums[g].multiply(exactSums[g]));
            BigInteger denominator = count.multiply(sample() ? count.subtract(BigInteger.ONE) : count);
            BigDecimal variance = new BigDecimal(numerator, 2 * inputScale).divide(new BigDecimal(denominator), PRECISION);
            DecimalArithmetic.store(out, g, root() ? variance.sqrt(PRECISION) : variance);
        }
        return CastExpression.cast(out, groupCount, resultType);
    }
}
