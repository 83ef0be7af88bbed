package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.vector.DecimalArithmetic;
import io.junction.types.JunctionType;
import io.junction.types.TypeKind;
import io.junction.vector.Batch;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * +, -, *, /, % and unary minus over integers, floating point and exact decimals, computed in the result
 * type's family. Integers use exact long arithmetic and then check the result type's range; integer
 * division truncates toward zero and % takes the dividend's sign. Decimals run on unscaled longs aligned to
 * the result scale and fall back to BigDecimal for a row whose digits do not fit a long, so they never lose
 * digits; a result wider than the result precision is NUMERIC_OVERFLOW. Division by zero raises an error
 * for every family, as in PostgreSQL.
 */
public final class ArithmeticExpression implements Expression {
    private final ScalarFunction operator;
    private final JunctionType type;
    private final Expression left;
    private final Expression right;

    public ArithmeticExpression(ScalarFunction operator, JunctionType type, List<Expression> operands) {
        this.operator = operator;
        this.type = type;
        TypeKind kind = type.kind();
        if (kind == TypeKind.DECIMAL) {
            // decimal operands keep their own scales; anything else is read as a decimal of its own
            this.left = decimalOperand(operands.get(0));
            this.right = operands.size() > 1 ? decimalOperand(operands.get(1)) : null;
        } else {
            this.left = Expressions.coerce(operands.get(0), type);
            this.right = operands.size() > 1 ? Expressions.coerce(operands.get(1), type) : null;
        }
        if ((operator == ScalarFunction.NEGATE) != (right == null)) {
            throw new IllegalArgumentException(operator + " with " + operands.size() + " operands");
        }
        if (!kind.isNumeric()) {
            throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "arithmetic producing " + type + " is not supported");
        }
    }

    private static Expression decimalOperand(Expression e) {
        TypeKind kind = e.type().kind();
        if (kind == TypeKind.DECIMAL || kind.isInteger()) {
            return e;
        }
        return Expressions.coerce(e, JunctionType.decimal(JunctionType.MAX_DECIMAL_PRECISION, 16));
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        Vector a = left.evaluate(batch);
        Vector b = right == null ? null : right.evaluate(batch);
        Vector out = Vector.create(type, n);
        boolean[] isNull = nullRows(a, b, n);
        switch (type.kind()) {
            case REAL, DOUBLE -> doubles((DoubleVector) a, (DoubleVector) b, (DoubleVector) out, isNull, n);
            case DECIMAL -> decimals(a, b, (DecimalVector) out, isNull, n);
            default -> longs((LongVector) a, (LongVector) b, (LongVector) out, isNull, n);
        }
        if (isNull != null) {
            for (int i = 0; i < n; i++) {
                if (isNull[i]) {
                    out.setNull(i);
                }
            }
        }
        return out;
    }

    /**
     * BIGINT +, - and * of two columns (or a column and a constant) without NULLs read straight through
     * the positions, the common projection over filtered rows; anything else gathers the rows first.
     */
    @Override
    public boolean readsThroughPositions() {
        // BIGINT only: narrower integer results need the range check of the general path
        return type.kind() == TypeKind.BIGINT && isDirectOperand(left) && right != null && isDirectOperand(right)
                && (operator == ScalarFunction.PLUS || operator == ScalarFunction.MINUS || operator == ScalarFunction.TIMES);
    }

    private static boolean isDirectOperand(Expression operand) {
        return operand instanceof ColumnReference || operand instanceof Literal literal && !literal.isNull();
    }

    @Override
    public Vector evaluate(Batch batch, int[] positions, int count) {
        long[] x = readsThroughPositions() ? directLongs(left, batch) : null;
        long[] y = x == null ? null : directLongs(right, batch);
        if (y == null) {
            return evaluate(batch.gather(positions, count));
        }
        int xStep = left instanceof Literal ? 0 : 1;
        int yStep = right instanceof Literal ? 0 : 1;
        LongVector out = (LongVector) Vector.create(type, count);
        long[] r = out.values();
        int k = 0;
        try {
            switch (operator) {
                case PLUS -> { for (; k < count; k++) { r[k] = Math.addExact(x[positions[k] * xStep], y[positions[k] * yStep]); } }
                case MINUS -> { for (; k < count; k++) { r[k] = Math.subtractExact(x[positions[k] * xStep], y[positions[k] * yStep]); } }
                default -> { for (; k < count; k++) { r[k] = Math.multiplyExact(x[positions[k] * xStep], y[positions[k] * yStep]); } }
            }
        } catch (ArithmeticException e) {
            throw overflow(x[positions[k] * xStep], y[positions[k] * yStep]);
        }
        return out;
    }

    /** The values of a column reference or constant operand when held as longs without NULLs, else null. */
    private static long[] directLongs(Expression operand, Batch batch) {
        Vector v = operand instanceof ColumnReference column ? batch.column(column.index()) : operand.evaluate(batch, null, 1);
        return v instanceof LongVector longs && !v.mayHaveNulls() ? longs.values() : null;
    }

    /** Rows where any operand is NULL, or null when there are none. */
    private static boolean[] nullRows(Vector a, Vector b, int n) {
        if (!a.mayHaveNulls() && (b == null || !b.mayHaveNulls())) {
            return null;
        }
        boolean[] isNull = new boolean[n];
        for (int i = 0; i < n; i++) {
            isNull[i] = a.isNull(i) || (b != null && b.isNull(i));
        }
        return isNull;
    }

    private void longs(LongVector a, LongVector b, LongVector out, boolean[] isNull, int n) {
        long[] x = a.values();
        long[] y = b == null ? null : b.values();
        long[] r = out.values();
        int i = 0;
        try {
            switch (operator) {
                case PLUS -> { for (; i < n; i++) { r[i] = Math.addExact(x[i], y[i]); } }
                case MINUS -> { for (; i < n; i++) { r[i] = Math.subtractExact(x[i], y[i]); } }
                case TIMES -> { for (; i < n; i++) { r[i] = Math.multiplyExact(x[i], y[i]); } }
                case NEGATE -> { for (; i < n; i++) { r[i] = Math.negateExact(x[i]); } }
                case DIVIDE, MOD -> {
                    boolean divide = operator == ScalarFunction.DIVIDE;
                    for (; i < n; i++) {
                        if (isNull != null && isNull[i]) {
                            continue;
                        }
                        long divisor = y[i];
                        if (divisor == 0) {
                            throw divisionByZero();
                        }
                        if (divisor == -1) {
                            // Long.MIN_VALUE / -1 overflows; x % -1 is always 0
                            r[i] = divide ? Math.negateExact(x[i]) : 0;
                        } else {
                            r[i] = divide ? x[i] / divisor : x[i] % divisor;
                        }
                    }
                }
                default -> throw new IllegalStateException(operator.name());
            }
        } catch (ArithmeticException e) {
            if (isNull != null && isNull[i]) {
                // a NULL row's leftover value overflowed; redo the rest row by row skipping NULLs
                longsSkippingNulls(x, y, r, isNull, i, n);
            } else {
                throw overflow(x[i], y == null ? 0 : y[i]);
            }
        }
        checkRange(r, isNull, n, x, y);
    }

    private void longsSkippingNulls(long[] x, long[] y, long[] r, boolean[] isNull, int from, int n) {
        for (int i = from; i < n; i++) {
            if (isNull[i]) {
                continue;
            }
            try {
                r[i] = switch (operator) {
                    case PLUS -> Math.addExact(x[i], y[i]);
                    case MINUS -> Math.subtractExact(x[i], y[i]);
                    case TIMES -> Math.multiplyExact(x[i], y[i]);
                    case NEGATE -> Math.negateExact(x[i]);
                    default -> throw new IllegalStateException(operator.name());
                };
            } catch (ArithmeticException e) {
                throw overflow(x[i], y == null ? 0 : y[i]);
            }
        }
    }

    private void checkRange(long[] r, boolean[] isNull, int n, long[] x, long[] y) {
        long min;
        long max;
        switch (type.kind()) {
            case TINYINT -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case SMALLINT -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case INTEGER -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            default -> { return; }
        }
        for (int i = 0; i < n; i++) {
            if ((r[i] < min || r[i] > max) && (isNull == null || !isNull[i])) {
                throw overflow(x[i], y == null ? 0 : y[i]);
            }
        }
    }

    private JunctionException overflow(long x, long y) {
        String expression = right == null ? "-" + x : x + " " + symbol() + " " + y;
        return new JunctionException(ErrorCode.NUMERIC_OVERFLOW, "result of " + expression + " is out of range for type " + type);
    }

    private static JunctionException divisionByZero() {
        return new JunctionException(ErrorCode.DIVISION_BY_ZERO, "division by zero");
    }

    private void doubles(DoubleVector a, DoubleVector b, DoubleVector out, boolean[] isNull, int n) {
        double[] x = a.values();
        double[] y = b == null ? null : b.values();
        double[] r = out.values();
        switch (operator) {
            case PLUS -> { for (int i = 0; i < n; i++) { r[i] = x[i] + y[i]; } }
            case MINUS -> { for (int i = 0; i < n; i++) { r[i] = x[i] - y[i]; } }
            case TIMES -> { for (int i = 0; i < n; i++) { r[i] = x[i] * y[i]; } }
            case NEGATE -> { for (int i = 0; i < n; i++) { r[i] = -x[i]; } }
            case DIVIDE, MOD -> {
                for (int i = 0; i < n; i++) {
                    if (y[i] == 0.0 && (isNull == null || !isNull[i])) {
                        throw divisionByZero();
                    }
                    r[i] = operator == ScalarFunction.DIVIDE ? x[i] / y[i] : x[i] % y[i];
                }
            }
            default -> throw new IllegalStateException(operator.name());
        }
        if (type.kind() == TypeKind.REAL) {
            for (int i = 0; i < n; i++) {
                r[i] = (float) r[i];
            }
        }
    }

    private void decimals(Vector a, Vector b, DecimalVector out, boolean[] isNull, int n) {
        int sa = scaleOf(a);
        int sb = b == null ? 0 : scaleOf(b);
        int rs = type.scale();
        for (int i = 0; i < n; i++) {
            if (isNull != null && isNull[i]) {
                continue;
            }
            if (isNarrow(a, i) && (b == null || isNarrow(b, i))) {
                long x = unscaled(a, i);
                long y = b == null ? 0 : unscaled(b, i);
                if (narrowDecimal(x, sa, y, sb, rs, out, i)) {
                    continue;
                }
            }
            wideDecimal(big(a, i), b == null ? null : big(b, i), out, i);
        }
    }

    /** Computes one row on longs; false when the row needs BigDecimal. */
    private boolean narrowDecimal(long x, int sx, long y, int sy, int rs, DecimalVector out, int row) {
        try {
            long result;
            switch (operator) {
                case PLUS, MINUS -> {
                    if (rs < sx || rs < sy) {
                        return false;
                    }
                    long ax = DecimalArithmetic.scaleUp(x, rs - sx);
                    long ay = DecimalArithmetic.scaleUp(y, rs - sy);
                    result = operator == ScalarFunction.PLUS ? Math.addExact(ax, ay) : Math.subtractExact(ax, ay);
                }
                case TIMES -> {
                    long product = Math.multiplyExact(x, y);
                    int ps = sx + sy;
                    result = rs >= ps ? DecimalArithmetic.scaleUp(product, rs - ps) : DecimalArithmetic.scaleDownHalfUp(product, ps - rs);
                }
                case NEGATE -> {
                    if (rs < sx) {
                        return false;
                    }
                    result = DecimalArithmetic.scaleUp(Math.negateExact(x), rs - sx);
                }
                default -> {
                    return false;
                }
            }
            DecimalArithmetic.store(out, row, result);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private void wideDecimal(BigDecimal x, BigDecimal y, DecimalVector out, int row) {
        BigDecimal result = switch (operator) {
            case PLUS -> x.add(y);
            case MINUS -> x.subtract(y);
            case TIMES -> x.multiply(y);
            case NEGATE -> x.negate();
            case DIVIDE -> {
                if (y.signum() == 0) {
                    throw divisionByZero();
                }
                yield x.divide(y, type.scale(), RoundingMode.HALF_UP);
            }
            case MOD -> {
                if (y.signum() == 0) {
                    throw divisionByZero();
                }
                yield x.remainder(y);
            }
            default -> throw new IllegalStateException(operator.name());
        };
        DecimalArithmetic.store(out, row, result);
    }

    private static int scaleOf(Vector v) {
        return v instanceof DecimalVector d ? d.scale() : 0;
    }

    private static boolean isNarrow(Vector v, int i) {
        return !(v instanceof DecimalVector d) || !d.isWide(i);
    }

    private static long unscaled(Vector v, int i) {
        return v instanceof DecimalVector d ? d.unscaledValues()[i] : ((LongVector) v).get(i);
    }

    private static BigDecimal big(Vector v, int i) {
        return v instanceof DecimalVector d ? d.getBigDecimal(i) : BigDecimal.valueOf(((LongVector) v).get(i));
    }

    private String symbol() {
        return switch (operator) {
            case PLUS -> "+";
            case MINUS, NEGATE -> "-";
            case TIMES -> "*";
            case DIVIDE -> "/";
            default -> "%";
        };
    }

    @Override
    public String describe() {
        if (right == null) {
            return "(-" + left.describe() + ")";
        }
        return "(" + left.describe() + " " + symbol() + " " + right.describe() + ")";
    }
}
