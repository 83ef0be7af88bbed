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
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
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
            Map.entry("ROUND", ScalarFunction.ROUND),
            Map.entry("LPAD", ScalarFunction.LPAD),
            Map.entry("RPAD", ScalarFunction.RPAD),
            Map.entry("SIGN", ScalarFunction.SIGN),
            Map.entry("POWER", ScalarFunction.POWER),
            Map.entry("SQRT", ScalarFunction.SQRT),
            Map.entry("LN", ScalarFunction.LN),
            Map.entry("EXP", ScalarFunction.EXP),
            Map.entry("DATE_TRUNC", ScalarFunction.DATE_TRUNC));

    private static final long MICROS_PER_MILLI = 1000L;

    private final RexBuilder rexBuilder;
    /** CURRENT_DATE, CURRENT_TIMESTAMP and friends read this one instant: fixed once per query. */
    private final ZonedDateTime queryStart = ZonedDateTime.now().truncatedTo(ChronoUnit.MICROS);

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
            case CAST: {
                RexNode operand = call.getOperands().get(0);
                // Calcite types a string literal as CHAR(n); casting it to VARCHAR must keep its blanks
                // (', ' stays ', '), unlike a CHAR column's padding, which the cast drops as PostgreSQL does
                if (operand instanceof RexLiteral literal && !literal.isNull() && type.kind() == TypeKind.VARCHAR
                        && literal.getType().getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.CHAR) {
                    return Expressions.literal(literal.getValueAs(String.class), type);
                }
                return Expressions.call(ScalarFunction.CAST, type, List.of(translate(operand)));
            }
            case PLUS_PREFIX:
                return translate(call.getOperands().get(0));
            case EXTRACT: {
                TimeUnitRange unit = (TimeUnitRange) ((RexLiteral) call.getOperands().get(0)).getValue();
                Expression unitName = Expressions.literal(unit.name(), JunctionType.VARCHAR);
                return Expressions.call(ScalarFunction.EXTRACT, type, List.of(unitName, translate(call.getOperands().get(1))));
            }
            case TRIM: {
                SqlTrimFunction.Flag flag = (SqlTrimFunction.Flag) ((RexLiteral) call.getOperands().get(0)).getValue();
                // LTRIM/RTRIM arrive as TRIM(LEADING CAST(' ' AS VARCHAR) ...): the characters are the literal's,
                // not the cast's, which would drop the blank as CHAR-to-VARCHAR casts drop padding
                RexNode chars = RexUtil.removeCast(call.getOperands().get(1));
                Expression value = translate(call.getOperands().get(2));
                if (chars instanceof RexLiteral l && !l.isNull()) {
                    String set = l.getValueAs(String.class);
                    if (flag == SqlTrimFunction.Flag.BOTH && " ".equals(set)) {
                        return Expressions.call(ScalarFunction.TRIM, type, List.of(value));
                    }
                    return Expressions.call(ScalarFunction.TRIM_CHARS, type, List.of(Expressions.literal(flag.name(), JunctionType.VARCHAR),
                            Expressions.literal(set, JunctionType.VARCHAR), value));
                }
                return Expressions.call(ScalarFunction.TRIM_CHARS, type, List.of(Expressions.literal(flag.name(), JunctionType.VARCHAR),
                        translate(chars), value));
            }
            case IN:
                return Expressions.call(ScalarFunction.IN, type, translateAll(call.getOperands()));
            case LIKE, SIMILAR: {
                boolean similar = kind == SqlKind.SIMILAR;
                SqlLikeOperator op = (SqlLikeOperator) call.getOperator();
                ScalarFunction fn = similar ? ScalarFunction.SIMILAR : op.isCaseSensitive() ? ScalarFunction.LIKE : ScalarFunction.ILIKE;
                Expression match = Expressions.call(fn, JunctionType.BOOLEAN, translateAll(call.getOperands()));
                return op.isNegated() ? Expressions.call(ScalarFunction.NOT, JunctionType.BOOLEAN, List.of(match)) : match;
            }
            case PLUS, MINUS:
                if (isInterval(call.getOperands().get(0)) || isInterval(call.getOperands().get(1))) {
                    return datetimePlusInterval(call, type);
                }
                break;
            default:
                break;
        }
        Expression now = currentTime(call.getOperator().getName(), type);
        if (now != null) {
            return now;
        }
        if (call.getOperator().getName().equalsIgnoreCase("CONCAT")) {
            // the function concat() skips NULL arguments (PostgreSQL); only the || operator makes NULL
            List<Expression> parts = new ArrayList<>();
            for (RexNode operand : call.getOperands()) {
                parts.add(Expressions.call(ScalarFunction.COALESCE, JunctionType.VARCHAR,
                        List.of(translate(operand), Expressions.literal("", JunctionType.VARCHAR))));
            }
            return Expressions.call(ScalarFunction.CONCAT, type, parts);
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

    private static boolean isInterval(RexNode node) {
        return SqlTypeName.INTERVAL_TYPES.contains(node.getType().getSqlTypeName());
    }

    private static boolean isYearMonth(RexNode node) {
        return SqlTypeName.YEAR_INTERVAL_TYPES.contains(node.getType().getSqlTypeName());
    }

    /** datetime ± interval (either order for +): the interval becomes BIGINT microseconds or months. */
    private Expression datetimePlusInterval(RexCall call, JunctionType type) {
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        if (isInterval(a) && isInterval(b)) {
            throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "arithmetic on two intervals is not supported by Junction's engine yet");
        }
        RexNode datetime = isInterval(a) ? b : a;
        RexNode interval = isInterval(a) ? a : b;
        if (isInterval(a) && call.getKind() == SqlKind.MINUS) {
            throw new JunctionException(ErrorCode.DATATYPE_MISMATCH, "an interval minus a date or time is not defined");
        }
        Expression amount = interval(interval);
        if (call.getKind() == SqlKind.MINUS) {
            amount = Expressions.call(ScalarFunction.NEGATE, JunctionType.BIGINT, List.of(amount));
        }
        ScalarFunction fn = isYearMonth(interval) ? ScalarFunction.ADD_MONTHS : ScalarFunction.ADD_MICROS;
        return Expressions.call(fn, type, List.of(translate(datetime), amount));
    }

    /**
     * An interval-typed expression as BIGINT: months for year-month intervals, microseconds for day-time ones
     * (Calcite holds day-time interval literals in milliseconds). Literals, negation and multiplication by a
     * number are supported.
     */
    private Expression interval(RexNode node) {
        if (node instanceof RexLiteral literal) {
            BigDecimal value = literal.getValueAs(BigDecimal.class);
            if (value == null) {
                return Expressions.literal(null, JunctionType.BIGINT);
            }
            BigDecimal scaled = isYearMonth(node) ? value : value.multiply(BigDecimal.valueOf(MICROS_PER_MILLI));
            return Expressions.literal(scaled.longValueExact(), JunctionType.BIGINT);
        }
        if (node instanceof RexCall call && call.getKind() == SqlKind.MINUS_PREFIX) {
            return Expressions.call(ScalarFunction.NEGATE, JunctionType.BIGINT, List.of(interval(call.getOperands().get(0))));
        }
        if (node instanceof RexCall call && call.getKind() == SqlKind.TIMES) {
            RexNode x = call.getOperands().get(0);
            RexNode y = call.getOperands().get(1);
            RexNode number = isInterval(x) ? y : x;
            if (!number.getType().getSqlTypeName().getFamily().equals(org.apache.calcite.sql.type.SqlTypeFamily.NUMERIC)
                    || !SqlTypeName.INT_TYPES.contains(number.getType().getSqlTypeName())) {
                throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "intervals can only be multiplied by whole numbers in Junction's engine yet");
            }
            return Expressions.call(ScalarFunction.TIMES, JunctionType.BIGINT, List.of(interval(isInterval(x) ? x : y), translate(number)));
        }
        throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "interval expression " + node + " is not supported by Junction's engine yet");
    }

    /** CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP as constants of this query; null for other functions. */
    private Expression currentTime(String name, JunctionType type) {
        Object value = switch (name.toUpperCase(Locale.ROOT)) {
            case "CURRENT_DATE" -> queryStart.toLocalDate();
            case "CURRENT_TIME", "LOCALTIME" -> queryStart.toLocalTime();
            case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "NOW" -> type.kind() == TypeKind.TIMESTAMP_TZ ? queryStart.toInstant() : queryStart.toLocalDateTime();
            default -> null;
        };
        return value == null ? null : Expressions.literal(value, type);
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

    /**
     * Calcite types a string literal as CHAR(n), but in SQL as users write it (PostgreSQL's unknown/text)
     * a literal's blanks are significant: ', ' as a separator keeps its space. So literals are VARCHAR.
     */
    private Expression literal(RexLiteral literal) {
        JunctionType type = typeOf(literal.getType());
        if (type.kind() == TypeKind.CHAR) {
            type = JunctionType.varchar(type.precision());
        }
        return Expressions.literal(literalValue(literal), type);
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
