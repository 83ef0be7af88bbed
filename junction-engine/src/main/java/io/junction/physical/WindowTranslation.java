package io.junction.physical;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.operator.Operator;
import io.junction.exec.operator.SortKey;
import io.junction.exec.operator.WindowCall;
import io.junction.exec.operator.WindowFrame;
import io.junction.exec.operator.WindowFrameBound;
import io.junction.exec.operator.WindowFunction;
import io.junction.exec.operator.WindowOperator;
import io.junction.types.JunctionType;
import io.junction.types.TypeKind;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.type.SqlTypeFamily;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a Calcite {@link Window} onto one {@link WindowOperator} per window group (calls sharing PARTITION BY,
 * ORDER BY and frame), chained so that each appends its calls' columns: exactly the Window's output layout.
 * Calcite keeps a window's constants (frame offsets, NTILE's count, LAG's default) beside the input, referenced
 * as input fields past the input's width; they are resolved to values here.
 */
final class WindowTranslation {
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(86_400_000L);
    private static final BigDecimal MICROS_PER_MILLI = BigDecimal.valueOf(1000L);

    private final Window window;
    private final int inputWidth;

    private WindowTranslation(Window window) {
        this.window = window;
        this.inputWidth = window.getInput().getRowType().getFieldCount();
    }

    static Operator plan(Window window, Operator input) {
        WindowTranslation t = new WindowTranslation(window);
        Operator current = input;
        for (Window.Group group : window.groups) {
            current = t.group(group, current);
        }
        return current;
    }

    private Operator group(Window.Group group, Operator input) {
        if (group.exclude != RexWindowExclusion.EXCLUDE_NO_OTHER) {
            throw unsupported("frame exclusion " + group.exclude);
        }
        List<SortKey> orderKeys = ExecutionPlanner.sortKeys(group.orderKeys);
        JunctionType orderType = orderKeys.size() == 1 ? input.outputTypes().get(orderKeys.getFirst().column()) : null;
        WindowFrame frame = new WindowFrame(group.isRows, bound(group.lowerBound, group.isRows, orderType),
                bound(group.upperBound, group.isRows, orderType));
        List<WindowCall> calls = new ArrayList<>();
        for (Window.RexWinAggCall call : group.aggCalls) {
            calls.add(call(call));
        }
        return new WindowOperator(input, group.keys.toArray(), orderKeys, frame, calls);
    }

    private WindowFrameBound bound(RexWindowBound bound, boolean rows, JunctionType orderType) {
        if (bound.isUnboundedPreceding()) {
            return WindowFrameBound.UNBOUNDED_PRECEDING;
        }
        if (bound.isUnboundedFollowing()) {
            return WindowFrameBound.UNBOUNDED_FOLLOWING;
        }
        if (bound.isCurrentRow()) {
            return WindowFrameBound.CURRENT_ROW;
        }
        RexLiteral literal = constant(bound.getOffset());
        BigDecimal offset = literal.getValueAs(BigDecimal.class);
        if (offset == null) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "frame offset must not be NULL");
        }
        if (!rows && literal.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME) {
            // Calcite holds day-time intervals in milliseconds; the operator wants the order key's own unit
            TypeKind kind = orderType == null ? null : orderType.kind();
            if (kind == TypeKind.DATE) {
                offset = offset.divide(MILLIS_PER_DAY, 9, RoundingMode.UNNECESSARY);
            } else if (kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMP_TZ || kind == TypeKind.TIME) {
                offset = offset.multiply(MICROS_PER_MILLI);
            } else {
                throw new JunctionException(ErrorCode.DATATYPE_MISMATCH, "an interval frame offset needs a date or time ORDER BY column");
            }
        } else if (!rows && literal.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
            throw unsupported("RANGE frames with year-month interval offsets");
        }
        return bound.isPreceding() ? WindowFrameBound.preceding(offset) : WindowFrameBound.following(offset);
    }

    private WindowCall call(Window.RexWinAggCall call) {
        if (call.distinct) {
            throw unsupported("DISTINCT in window aggregates");
        }
        if (call.ignoreNulls) {
            throw unsupported("IGNORE NULLS");
        }
        JunctionType type = RexToExpression.typeOf(call.getType());
        List<RexNode> operands = call.getOperands();
        WindowFunction function = switch (call.getOperator().getKind()) {
            case ROW_NUMBER -> WindowFunction.ROW_NUMBER;
            case RANK -> WindowFunction.RANK;
            case DENSE_RANK -> WindowFunction.DENSE_RANK;
            case NTILE -> WindowFunction.NTILE;
            case LAG -> WindowFunction.LAG;
            case LEAD -> WindowFunction.LEAD;
            case FIRST_VALUE -> WindowFunction.FIRST_VALUE;
            case LAST_VALUE -> WindowFunction.LAST_VALUE;
            case COUNT -> operands.isEmpty() ? WindowFunction.COUNT_STAR : WindowFunction.COUNT;
            case SUM -> WindowFunction.SUM;
            case SUM0 -> WindowFunction.SUM0;
            case AVG -> WindowFunction.AVG;
            case MIN -> WindowFunction.MIN;
            case MAX -> WindowFunction.MAX;
            default -> throw unsupported("window function " + call.getOperator().getName());
        };
        return switch (function) {
            case NTILE -> new WindowCall(function, -1, longConstant(operands.get(0), "NTILE's bucket count"), null, JunctionType.NULL, type);
            case LAG, LEAD -> {
                long offset = operands.size() > 1 ? longConstant(operands.get(1), function + "'s offset") : 1;
                Object fallback = null;
                JunctionType fallbackType = JunctionType.NULL;
                if (operands.size() > 2) {
                    RexLiteral d = constant(operands.get(2));
                    fallback = RexToExpression.literalValue(d);
                    fallbackType = RexToExpression.typeOf(d.getType());
                }
                yield new WindowCall(function, column(operands.get(0)), offset, fallback, fallbackType, type);
            }
            case ROW_NUMBER, RANK, DENSE_RANK, COUNT_STAR -> WindowCall.of(function, -1, type);
            default -> {
                if (operands.size() != 1) {
                    throw unsupported(function + " with " + operands.size() + " arguments");
                }
                yield WindowCall.of(function, column(operands.get(0)), type);
            }
        };
    }

    private int column(RexNode node) {
        if (node instanceof RexInputRef ref && ref.getIndex() < inputWidth) {
            return ref.getIndex();
        }
        throw unsupported("window function arguments other than columns (" + node + ")");
    }

    private RexLiteral constant(RexNode node) {
        if (node instanceof RexLiteral literal) {
            return literal;
        }
        if (node instanceof RexInputRef ref && ref.getIndex() >= inputWidth) {
            return window.constants.get(ref.getIndex() - inputWidth);
        }
        throw unsupported("a non-constant window parameter (" + node + ")");
    }

    private long longConstant(RexNode node, String what) {
        BigDecimal value = constant(node).getValueAs(BigDecimal.class);
        if (value == null) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, what + " must not be NULL");
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, what + " must be a whole number, got " + value.toPlainString());
        }
    }

    private static JunctionException unsupported(String what) {
        return new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, what + " is not supported by Junction's engine yet");
    }
}
