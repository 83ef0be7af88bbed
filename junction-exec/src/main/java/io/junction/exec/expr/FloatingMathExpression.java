package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.DoubleVector;
import io.junction.vector.Vector;

import java.util.List;

/**
 * POWER, SQRT, LN and EXP in double precision (the validator types them DOUBLE), raising PostgreSQL's errors
 * where the result is undefined instead of returning NaN. POWER(x, 0.5) is computed as a square root, which
 * is what Calcite makes of SQRT(x) and is correctly rounded.
 */
public final class FloatingMathExpression implements Expression {
    private final ScalarFunction function;
    private final JunctionType type;
    private final Expression base;
    private final Expression exponent;

    public FloatingMathExpression(ScalarFunction function, JunctionType type, List<Expression> arguments) {
        int arity = function == ScalarFunction.POWER ? 2 : 1;
        if (arguments.size() != arity) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, function + " does not take " + arguments.size() + " arguments");
        }
        this.function = function;
        this.type = type;
        this.base = Expressions.coerce(arguments.get(0), JunctionType.DOUBLE);
        this.exponent = arity == 2 ? Expressions.coerce(arguments.get(1), JunctionType.DOUBLE) : null;
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        DoubleVector x = (DoubleVector) base.evaluate(batch);
        DoubleVector y = exponent == null ? null : (DoubleVector) exponent.evaluate(batch);
        DoubleVector out = (DoubleVector) Vector.create(JunctionType.DOUBLE, n);
        double[] a = x.values();
        double[] r = out.values();
        for (int i = 0; i < n; i++) {
            if (x.isNull(i) || (y != null && y.isNull(i))) {
                out.setNull(i);
                continue;
            }
            r[i] = switch (function) {
                case POWER -> power(a[i], y.get(i));
                case SQRT -> sqrt(a[i]);
                case LN -> ln(a[i]);
                default -> checkFinite(Math.exp(a[i]), a[i]);
            };
        }
        return CastExpression.cast(out, n, type);
    }

    private static double power(double x, double y) {
        if (y == 0.5) {
            return sqrt(x);
        }
        if (x == 0 && y < 0) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "zero raised to a negative power is undefined");
        }
        if (x < 0 && y != Math.rint(y)) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "a negative number raised to a non-integer power yields a complex result");
        }
        return checkFinite(Math.pow(x, y), x);
    }

    private static double sqrt(double x) {
        if (x < 0) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "cannot take square root of a negative number: " + x);
        }
        return Math.sqrt(x);
    }

    private static double ln(double x) {
        if (x == 0) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "cannot take logarithm of zero");
        }
        if (x < 0) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "cannot take logarithm of a negative number: " + x);
        }
        return Math.log(x);
    }

    private static double checkFinite(double result, double input) {
        if (Double.isInfinite(result) && !Double.isInfinite(input)) {
            throw new JunctionException(ErrorCode.NUMERIC_OVERFLOW, "value out of range: overflow");
        }
        return result;
    }

    @Override
    public String describe() {
        return function + "(" + base.describe() + (exponent == null ? "" : ", " + exponent.describe()) + ")";
    }
}
