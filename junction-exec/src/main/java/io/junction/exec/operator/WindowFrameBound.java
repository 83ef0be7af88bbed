package io.junction.exec.operator;

import java.math.BigDecimal;

/**
 * One end of a window frame. {@code offset} (for PRECEDING and FOLLOWING) counts rows in a ROWS frame; in a
 * RANGE frame it is a distance in the order key's encoding: a number for numeric keys, days for DATE keys,
 * microseconds for TIME and TIMESTAMP keys.
 */
public record WindowFrameBound(Kind kind, BigDecimal offset) {
    public enum Kind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    public static final WindowFrameBound UNBOUNDED_PRECEDING = new WindowFrameBound(Kind.UNBOUNDED_PRECEDING, null);
    public static final WindowFrameBound CURRENT_ROW = new WindowFrameBound(Kind.CURRENT_ROW, null);
    public static final WindowFrameBound UNBOUNDED_FOLLOWING = new WindowFrameBound(Kind.UNBOUNDED_FOLLOWING, null);

    public WindowFrameBound {
        boolean needsOffset = kind == Kind.PRECEDING || kind == Kind.FOLLOWING;
        if (needsOffset != (offset != null)) {
            throw new IllegalArgumentException(kind + (needsOffset ? " needs an offset" : " takes no offset"));
        }
        if (offset != null && offset.signum() < 0) {
            throw new io.junction.error.JunctionException(io.junction.error.ErrorCode.INVALID_VALUE,
                    "frame offset must not be negative, got " + offset.toPlainString());
        }
    }

    public static WindowFrameBound preceding(BigDecimal offset) {
        return new WindowFrameBound(Kind.PRECEDING, offset);
    }

    public static WindowFrameBound following(BigDecimal offset) {
        return new WindowFrameBound(Kind.FOLLOWING, offset);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PRECEDING -> offset.toPlainString() + " PRECEDING";
            case FOLLOWING -> offset.toPlainString() + " FOLLOWING";
            default -> kind.name().replace('_', ' ');
        };
    }
}
