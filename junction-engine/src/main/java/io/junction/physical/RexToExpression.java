package io.junction.physical;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.expr.Expression;
import io.junction.exec.expr.Expressions;
import io.junction.exec.expr.ScalarFunction;
import io.junction.sql.SqlTypeMapping;
import io.junction.types.JunctionType;
import io.junction.types.TypeKind;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates Calcite's validated row expressions into executor expressions. Operands of comparisons and
 * arithmetic are first cast to one type where the validator left them mixed (INTEGER vs DECIMAL, etc.),
 * because the executor's kernels work on one representation per operation.
 */
public final class RexToExpression {
    private static final Map<SqlKind, ScalarFunction> BY_KIND = Map.ofEntries(
            Map.entry(SqlKind.EQUALS, ScalarFunction.EQUAL),
            Map.entry(SqlKind.NOT_EQUALS, ScalarFunction.NOT_EQUAL),
            Map.entry(SqlKind.LESS_THAN, ScalarFunction.LESS_THAN),
            Map.entry(SqlKind.LESS_THAN_OR_EQUAL, ScalarFunction.LESS_THAN_OR_EQUAL),
            Map.entry(SqlKind.GREATER_THAN, ScalarFunction.GREATER_THAN),
            Map.entry(SqlKind.GREATER_THAN_OR_EQUAL, ScalarFunction.GREATER_THAN_OR_EQUAL),
            Map.entry(SqlKind.IS_DISTINCT_FROM, ScalarFunction.IS_DISTINCT_FROM),
            Map.entry(SqlKind.IS_NOT_DISTINCT_FROM, ScalarFunction.IS_NOT_DISTINCT_FROM),
            Map.entry(SqlKind.AND, ScalarFunction.AND),
            Map.entry(SqlKind.OR, ScalarFunction.OR),
            Map.entry(SqlKind.NOT, ScalarFunction.NOT),
            Map.entry(SqlKind.IS_NULL, ScalarFunction.IS_NULL),
            Map.entry(SqlKind.IS_NOT_NULL, ScalarFunction.IS_NOT_NULL),
            Map.entry(SqlKind.IS_TRUE, ScalarFunction.IS_TRUE),
            Map.entry(SqlKind.IS_FALSE, ScalarFunction.IS_FALSE),
            Map.entry(SqlKind.IS_NOT_TRUE, ScalarFunction.IS_NOT_TRUE),
            Map.entry(SqlKind.IS_NOT_FALSE, ScalarFunction.IS_NOT_FALSE),
            Map.entry(SqlKind.PLUS, ScalarFunction.PLUS),
            Map.entry(SqlKind.MINUS, ScalarFunction.MINUS),
            Map.entry(SqlKind.TIMES, ScalarFunction.TIMES),
            Map.entry(SqlKind.DIVIDE, ScalarFunction.DIVIDE),
            Map.entry(SqlKind.MOD, ScalarFunction.MOD),
            Map.entry(SqlKind.MINUS_PREFIX, ScalarFunction.NEGATE),
            Map.entry(SqlKind.CASE, ScalarFunction.CASE),
            Map.entry(SqlKind.COALESCE, ScalarFunction.COALESCE),
            Map.entry(SqlKind.NULLIF, ScalarFunction.NULLIF),
            Map.entry(SqlKind.LIKE, ScalarFunction.LIKE),
            Map.entry(SqlKind.POSITION, ScalarFunction.POSITION),
            Map.entry(SqlKind.FLOOR, ScalarFunction.FLOOR),
            Map.entry(SqlKind.CEIL, ScalarFunction.CEIL));

    private static final Map<String, ScalarFunction> BY_NAME = Map.ofEntries(
            Map.entry("UPPER", ScalarFunction.UPPER),
            Map.entry("LOWER", ScalarFunction.LOWER),
            Map.entry("CHAR_LENGTH", ScalarFunction.CHAR_LENGTH),
            Map.entry("CHARACTER_LENGTH", ScalarFunction.CHAR_LENGTH),
            Map.entry("LENGTH", ScalarFunction.CHAR_LENGTH),
            Map.entry("||", ScalarFunction.CONCAT),
            Map.entry("CONCAT", ScalarFunction.CONCAT),
            Map.entry("SUBSTRING", ScalarFunction.SUBSTRING),
            Map.entry("REPLACE", ScalarFunction.REPLACE),
            Map.entry("ABS", ScalarFunction.ABS),
            Map.entry("ROUND", ScalarFunction.ROUND));

    private final RexBuilder rexBuilder;

    public RexToExpression(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
    }

    public Expression translate(RexNode node) {
        if (node instanceof RexInputRef ref) {
            return Expressions.column(ref.getIndex(), typeOf(ref.getType()));
        }
        if (node instanceof RexLiteral literal) {
            return literal(literal);
        }
        if (node instanceof RexCall call) {
            return call(call);
        }
        throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "expression " + node + " cannot run in Junction's engine yet");
    }

    private Expression call(RexCall call) {
        SqlKind kind = call.getKind();
        JunctionType type = typeOf(call.getType());
        switch (kind) {
            case SEARCH:
                return translate(RexUtil.expandSearch(rexBuilder, null, call));
            case CAST:
                return Expressions.call(ScalarFunction.CAST, type, List.of(translate(call.getOperands().get(0))));
            case PLUS_PREFIX:
                return translate(call.getOperands().get(0));
            case EXTRACT: {
                TimeUnitRange unit = (TimeUnitRange) ((RexLiteral) call.getOperands().get(0)).getValue();
                Expression unitName = Expressions.literal(unit.name(), JunctionType.VARCHAR);
                return Expressions.call(ScalarFunction.EXTRACT, type, List.of(unitName, translate(call.getOperands().get(1))));
            }
            case TRIM: {
                SqlTrimFunction.Flag flag = (SqlTrimFunction.Flag) ((RexLiteral) call.getOperands().get(0)).getValue();
                RexNode chars = call.getOperands().get(1);
                if (flag != SqlTrimFunction.Flag.BOTH || !(chars instanceof RexLiteral l) || !" ".equals(l.getValueAs(String.class))) {
                    throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "only TRIM(BOTH ' ' FROM ...) runs in Junction's engine yet");
                }
                return Expressions.call(ScalarFunction.TRIM, type, List.of(translate(call.getOperands().get(2))));
            }
            case IN:
                return Expressions.call(ScalarFunction.IN, type, translateAll(call.getOperands()));
            default:
                break;
        }
        ScalarFunction fn = BY_KIND.get(kind);
        if (fn == null) {
            fn = BY_NAME.get(call.getOperator().getName().toUpperCase(Locale.ROOT));
        }
        if (fn == null) {
            throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "function " + call.getOperator().getName()
                    + " cannot run in Junction's engine yet (it runs when the source can do it: keep its arguments in one source)");
        }
        List<RexNode> operands = call.getOperands();
        if (isComparison(fn)) {
            operands = alignOperands(operands, null);
        } else if (isArithmetic(fn)) {
            operands = alignOperands(operands, call.getType());
        }
        return Expressions.call(fn, type, translateAll(operands));
    }

    private static boolean isComparison(ScalarFunction fn) {
        return switch (fn) {
            case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                 IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> true;
            default -> false;
        };
    }

    private static boolean isArithmetic(ScalarFunction fn) {
        return fn == ScalarFunction.PLUS || fn == ScalarFunction.MINUS || fn == ScalarFunction.TIMES
                || fn == ScalarFunction.DIVIDE || fn == ScalarFunction.MOD;
    }

    /**
     * Casts operands to one type family: to the result type for non-decimal arithmetic, to an exact
     * decimal for decimal arithmetic (each keeping its own scale), and to the least restrictive common
     * type for comparisons of different kinds.
     */
    private List<RexNode> alignOperands(List<RexNode> operands, RelDataType resultType) {
        List<RexNode> out = new ArrayList<>(operands.size());
        if (resultType != null) {
            boolean decimal = resultType.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.DECIMAL;
            for (RexNode o : operands) {
                RelDataType t = o.getType();
                if (!t.getSqlTypeName().getFamily().equals(resultType.getSqlTypeName().getFamily())
                        || (!decimal && t.getSqlTypeName() != resultType.getSqlTypeName())) {
                    RelDataType target = decimal ? decimalFor(t) : resultType;
                    out.add(rexBuilder.makeCast(rexBuilder.getTypeFactory().createTypeWithNullability(target, t.isNullable()), o, true, false));
                } else {
                    out.add(o);
                }
            }
            return out;
        }
        JunctionType first = typeOf(operands.get(0).getType());
        JunctionType second = typeOf(operands.get(1).getType());
        if (sameRepresentation(first, second)) {
            return operands;
        }
        RelDataType common = rexBuilder.getTypeFactory().leastRestrictive(List.of(operands.get(0).getType(), operands.get(1).getType()));
        if (common == null) {
            return operands;
        }
        for (RexNode o : operands) {
            out.add(o.getType().getSqlTypeName() == common.getSqlTypeName() ? o
                    : rexBuilder.makeCast(rexBuilder.getTypeFactory().createTypeWithNullability(common, o.getType().isNullable()), o, true, false));
        }
        return out;
    }

    private RelDataType decimalFor(RelDataType t) {
        var f = rexBuilder.getTypeFactory();
        return switch (t.getSqlTypeName()) {
            case TINYINT -> f.createSqlType(org.apache.calcite.sql.type.SqlTypeName.DECIMAL, 3, 0);
            case SMALLINT -> f.createSqlType(org.apache.calcite.sql.type.SqlTypeName.DECIMAL, 5, 0);
            case INTEGER -> f.createSqlType(org.apache.calcite.sql.type.SqlTypeName.DECIMAL, 10, 0);
            case BIGINT -> f.createSqlType(org.apache.calcite.sql.type.SqlTypeName.DECIMAL, 19, 0);
            default -> t;
        };
    }

    /** Whether the executor can compare the two without a cast (integers of any width, decimals of any scale, texts). */
    private static boolean sameRepresentation(JunctionType a, JunctionType b) {
        if (a.kind() == b.kind()) {
            return true;
        }
        if (a.kind().isInteger() && b.kind().isInteger()) {
            return true;
        }
        return a.kind().isText() && b.kind().isText() || a.kind() == TypeKind.NULL || b.kind() == TypeKind.NULL;
    }

    private List<Expression> translateAll(List<RexNode> nodes) {
        List<Expression> out = new ArrayList<>(nodes.size());
        for (RexNode n : nodes) {
            out.add(translate(n));
        }
        return out;
    }

    private Expression literal(RexLiteral literal) {
        return Expressions.literal(literalValue(literal), typeOf(literal.getType()));
    }

    /** A literal's value as the Java object the executor expects for its type ({@code null} for NULL). */
    static Object literalValue(RexLiteral literal) {
        JunctionType type = typeOf(literal.getType());
        if (literal.isNull()) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> literal.getValueAs(Long.class);
            case REAL, DOUBLE -> literal.getValueAs(Double.class);
            case DECIMAL -> literal.getValueAs(BigDecimal.class);
            case CHAR, VARCHAR, JSON, UUID -> literal.getValueAs(String.class);
            case DATE -> LocalDate.parse(literal.getValueAs(DateString.class).toString());
            case TIME -> LocalTime.parse(literal.getValueAs(TimeString.class).toString());
            case TIMESTAMP -> LocalDateTime.parse(literal.getValueAs(TimestampString.class).toString().replace(' ', 'T'));
            case VARBINARY -> literal.getValueAs(byte[].class);
            default -> throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "literal " + literal + " of type " + type + " is not supported yet");
        };
    }

    static JunctionType typeOf(RelDataType type) {
        return SqlTypeMapping.toJunctionType(type);
    }
}
