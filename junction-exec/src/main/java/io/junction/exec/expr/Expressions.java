package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.types.TypeKind;

import java.util.List;

/** Builds executable expressions from the planner's column references, literals and function calls. */
public final class Expressions {
    private Expressions() {
    }

    public static Expression column(int index, JunctionType type) {
        return new ColumnReference(index, type);
    }

    /** A constant; see {@link io.junction.exec.vector.ValueEncoder} for the Java classes each type accepts. */
    public static Expression literal(Object value, JunctionType type) {
        return new Literal(value, type);
    }

    public static Expression call(ScalarFunction function, JunctionType resultType, List<Expression> arguments) {
        return switch (function) {
            case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                 IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> {
                expectCount(function, arguments, 2, 2);
                Expression[] pair = comparable(arguments.get(0), arguments.get(1));
                yield new ComparisonExpression(function, pair[0], pair[1]);
            }
            case AND, OR, NOT -> {
                expectCount(function, arguments, function == ScalarFunction.NOT ? 1 : 2, function == ScalarFunction.NOT ? 1 : Integer.MAX_VALUE);
                yield new LogicalExpression(function, arguments.stream().map(a -> coerce(a, JunctionType.BOOLEAN)).toList());
            }
            case IS_NULL, IS_NOT_NULL -> {
                expectCount(function, arguments, 1, 1);
                yield new NullTestExpression(arguments.getFirst(), function == ScalarFunction.IS_NOT_NULL);
            }
            case IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE -> {
                expectCount(function, arguments, 1, 1);
                yield new TruthTestExpression(function, coerce(arguments.getFirst(), JunctionType.BOOLEAN));
            }
            case PLUS, MINUS, TIMES, DIVIDE, MOD -> {
                expectCount(function, arguments, 2, 2);
                yield new ArithmeticExpression(function, resultType, arguments);
            }
            case NEGATE -> {
                expectCount(function, arguments, 1, 1);
                yield new ArithmeticExpression(function, resultType, arguments);
            }
            case CASE -> {
                expectCount(function, arguments, 2, Integer.MAX_VALUE);
                yield new CaseExpression(resultType, arguments);
            }
            case COALESCE -> {
                expectCount(function, arguments, 1, Integer.MAX_VALUE);
                yield new CoalesceExpression(resultType, arguments);
            }
            case NULLIF -> {
                expectCount(function, arguments, 2, 2);
                yield new NullIfExpression(resultType, arguments.get(0), arguments.get(1));
            }
            case CAST -> {
                expectCount(function, arguments, 1, 1);
                yield new CastExpression(arguments.getFirst(), resultType);
            }
            case LIKE -> {
                expectCount(function, arguments, 2, 3);
                yield new LikeExpression(arguments.get(0), arguments.get(1), arguments.size() == 3 ? arguments.get(2) : null);
            }
            case ILIKE, SIMILAR -> {
                expectCount(function, arguments, 2, 3);
                yield new LikeExpression(function == ScalarFunction.ILIKE ? LikeExpression.Kind.ILIKE : LikeExpression.Kind.SIMILAR,
                        arguments.get(0), arguments.get(1), arguments.size() == 3 ? arguments.get(2) : null);
            }
            case LPAD, RPAD -> new PadExpression(function == ScalarFunction.LPAD, arguments);
            case TRIM_CHARS -> {
                expectCount(function, arguments, 3, 3);
                if (!(arguments.get(0) instanceof Literal side) || side.value() == null) {
                    throw new JunctionException(ErrorCode.INVALID_QUERY, "TRIM needs a constant side");
                }
                yield new TrimExpression(TrimExpression.side(side.value().toString()), arguments.get(1), arguments.get(2));
            }
            case SIGN -> {
                expectCount(function, arguments, 1, 1);
                yield new SignExpression(arguments.getFirst(), resultType);
            }
            case POWER, SQRT, LN, EXP -> new FloatingMathExpression(function, resultType, arguments);
            case DATE_TRUNC -> {
                expectCount(function, arguments, 2, 2);
                yield new DateTruncExpression(arguments.get(0), arguments.get(1), resultType);
            }
            case ADD_MICROS, ADD_MONTHS -> {
                expectCount(function, arguments, 2, 2);
                yield new IntervalArithmeticExpression(arguments.get(0), arguments.get(1), function == ScalarFunction.ADD_MONTHS, resultType);
            }
            case IN -> {
                expectCount(function, arguments, 2, Integer.MAX_VALUE);
                yield new InListExpression(arguments.getFirst(), arguments.subList(1, arguments.size()));
            }
            case UPPER, LOWER, CHAR_LENGTH, CONCAT, SUBSTRING, TRIM, POSITION, REPLACE -> new TextFunctionExpression(function, resultType, arguments);
            case ABS, ROUND, FLOOR, CEIL -> new MathFunctionExpression(function, resultType, arguments);
            case EXTRACT -> {
                expectCount(function, arguments, 2, 2);
                yield new ExtractExpression(arguments.get(0), arguments.get(1), resultType);
            }
        };
    }

    private static void expectCount(ScalarFunction function, List<Expression> arguments, int min, int max) {
        if (arguments.size() < min || arguments.size() > max) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, function + " does not take " + arguments.size() + " arguments");
        }
    }

    /** {@code e} converted to {@code type} when its type differs (so result vectors carry the declared type). */
    static Expression coerce(Expression e, JunctionType type) {
        if (e.type().equals(type)) {
            return e;
        }
        if (e instanceof Literal literal && literal.isNull()) {
            return new Literal(null, type);
        }
        return new CastExpression(e, type);
    }

    /** Both operands in one comparable representation (the planner usually casts already). */
    static Expression[] comparable(Expression a, Expression b) {
        JunctionType common = commonType(a.type(), b.type());
        return new Expression[] {coerceForComparison(a, common), coerceForComparison(b, common)};
    }

    private static Expression coerceForComparison(Expression e, JunctionType common) {
        TypeKind kind = e.type().kind();
        TypeKind target = common.kind();
        // integer widths, decimal scales and text kinds already compare correctly as they are
        if (kind == target || (kind.isInteger() && target.isInteger()) || (kind.isText() && target.isText() && target != TypeKind.UUID)
                || (isInstant(kind) && isInstant(target))) {
            return e;
        }
        return coerce(e, common);
    }

    private static boolean isInstant(TypeKind kind) {
        return kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMP_TZ;
    }

    /** The type two values are compared in. */
    static JunctionType commonType(JunctionType a, JunctionType b) {
        TypeKind x = a.kind();
        TypeKind y = b.kind();
        if (a.equals(b) || y == TypeKind.NULL) {
            return a;
        }
        if (x == TypeKind.NULL) {
            return b;
        }
        if (x.isNumeric() && y.isNumeric()) {
            if (x == TypeKind.DOUBLE || y == TypeKind.DOUBLE || x == TypeKind.REAL || y == TypeKind.REAL) {
                return JunctionType.DOUBLE;
            }
            if (x == TypeKind.DECIMAL && y == TypeKind.DECIMAL) {
                return a.scale() >= b.scale() ? a : b;
            }
            if (x == TypeKind.DECIMAL) {
                return widenForLong(a);
            }
            if (y == TypeKind.DECIMAL) {
                return widenForLong(b);
            }
            return JunctionType.BIGINT;
        }
        if (x.isText() && !y.isText()) {
            return b;
        }
        if (y.isText() && !x.isText()) {
            return a;
        }
        if (x == TypeKind.DATE && isInstant(y)) {
            return b;
        }
        if (y == TypeKind.DATE && isInstant(x)) {
            return a;
        }
        return a;
    }

    private static JunctionType widenForLong(JunctionType decimal) {
        int precision = Math.min(JunctionType.MAX_DECIMAL_PRECISION, Math.max(decimal.precision(), 19 + decimal.scale()));
        return JunctionType.decimal(precision, decimal.scale());
    }
}
