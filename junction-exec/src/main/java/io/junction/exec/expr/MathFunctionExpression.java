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
 * ABS, ROUND(x [, digits]), FLOOR and CEIL, computed in the operand's own type and then converted to the
 * result type. Decimals and integers round half away from zero (HALF_UP) like PostgreSQL's numeric;
 * ROUND of a double without digits rounds half to even like PostgreSQL's float8 round (rint).
 */
public final class MathFunctionExpression implements Expression {
    private final ScalarFunction function;
    private final JunctionType type;
    private final Expression operand;
    private final Expression digits;

    public MathFunctionExpression(ScalarFunction function, JunctionType type, List<Expression> arguments) {
        int max = function == ScalarFunction.ROUND ? 2 : 1;
        if (arguments.isEmpty() || arguments.size() > max) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, function + " does not take " + arguments.size() + " arguments");
        }
        this.function = function;
        this.type = type;
        Expression x = arguments.getFirst();
        this.operand = x.type().kind().isNumeric() ? x : Expressions.coerce(x, type);
        this.digits = arguments.size() > 1 ? Expressions.coerce(arguments.get(1), JunctionType.BIGINT) : null;
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        Vector x = operand.evaluate(batch);
        LongVector d = digits == null ? null : (LongVector) digits.evaluate(batch);
        // rounding (and FLOOR/CEIL) can carry into one more integer digit: 9.99 → 10.0 needs DECIMAL(p+1,s)
        JunctionType work = x.type().kind() == TypeKind.DECIMAL
                ? JunctionType.decimal(Math.min(JunctionType.MAX_DECIMAL_PRECISION, x.type().precision() + 1), x.type().scale())
                : x.type();
        Vector computed = Vector.create(work, n);
        for (int i = 0; i < n; i++) {
            if (x.isNull(i) || (d != null && d.isNull(i))) {
                computed.setNull(i);
            }
        }
        int places = 0;
        switch (x) {
            case LongVector l -> {
                long[] v = l.values();
                long[] r = ((LongVector) computed).values();
                for (int i = 0; i < n; i++) {
                    if (computed.isNull(i)) {
                        continue;
                    }
                    if (d != null) {
                        places = (int) Math.max(-19, Math.min(19, d.get(i)));
                    }
                    r[i] = switch (function) {
                        case ABS -> absExact(v[i], x.type());
                        case ROUND -> places >= 0 ? v[i] : roundLong(v[i], -places, x.type());
                        default -> v[i];
                    };
                }
            }
            case DoubleVector dv -> {
                double[] v = dv.values();
                double[] r = ((DoubleVector) computed).values();
                for (int i = 0; i < n; i++) {
                    if (computed.isNull(i)) {
                        continue;
                    }
                    r[i] = switch (function) {
                        case ABS -> Math.abs(v[i]);
                        case FLOOR -> Math.floor(v[i]);
                        case CEIL -> Math.ceil(v[i]);
                        default -> d == null || !Double.isFinite(v[i]) ? Math.rint(v[i])
                                : BigDecimal.valueOf(v[i]).setScale((int) d.get(i), RoundingMode.HALF_UP).doubleValue();
                    };
                }
            }
            case DecimalVector xv -> {
                DecimalVector out = (DecimalVector) computed;
                for (int i = 0; i < n; i++) {
                    if (computed.isNull(i)) {
                        continue;
                    }
                    if (d != null) {
                        places = (int) Math.max(-JunctionType.MAX_DECIMAL_PRECISION, Math.min(JunctionType.MAX_DECIMAL_PRECISION, d.get(i)));
                    }
                    BigDecimal v = xv.getBigDecimal(i);
                    BigDecimal r = switch (function) {
                        case ABS -> v.abs();
                        case FLOOR -> v.setScale(0, RoundingMode.FLOOR);
                        case CEIL -> v.setScale(0, RoundingMode.CEILING);
                        default -> v.setScale(places, RoundingMode.HALF_UP);
                    };
                    DecimalArithmetic.store(out, i, r);
                }
            }
            default -> throw new JunctionException(ErrorCode.DATATYPE_MISMATCH, function + " needs a number, not " + x.type());
        }
        return CastExpression.cast(computed, n, type);
    }

    private static long absExact(long v, JunctionType type) {
        if (v == Long.MIN_VALUE) {
            throw DecimalArithmetic.overflow("-9223372036854775808", type);
        }
        return CastExpression.checkRange(Math.abs(v), type);
    }

    private static long roundLong(long v, int tens, JunctionType type) {
        BigDecimal r = BigDecimal.valueOf(v).setScale(-tens, RoundingMode.HALF_UP);
        try {
            return CastExpression.checkRange(r.longValueExact(), type);
        } catch (ArithmeticException e) {
            throw DecimalArithmetic.overflow(r.toPlainString(), type);
        }
    }

    @Override
    public String describe() {
        return function.name() + "(" + operand.describe() + (digits == null ? "" : ", " + digits.describe()) + ")";
    }
}
