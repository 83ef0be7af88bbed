package io.junction.exec.vector;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.TemporalEncoding;
import io.junction.vector.BinaryVector;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * Writes a Java value (as literals and VALUES rows carry them) into a vector slot in the vector type's
 * physical form: temporal objects to their encoded longs, numbers to the right width, NULL as a null bit.
 */
public final class ValueEncoder {
    private ValueEncoder() {
    }

    public static void write(Vector target, int row, Object value) {
        if (value == null) {
            target.setNull(row);
            return;
        }
        switch (target) {
            case LongVector lv -> lv.set(row, toLong(lv, value));
            case DoubleVector dv -> dv.set(row, ((Number) expect(value, Number.class, target)).doubleValue());
            case DecimalVector xv -> DecimalArithmetic.store(xv, row, toBigDecimal(value, target));
            case BooleanVector bv -> bv.set(row, (Boolean) expect(value, Boolean.class, target));
            case StringVector sv -> sv.set(row, value.toString());
            case BinaryVector yv -> yv.set(row, (byte[]) expect(value, byte[].class, target));
        }
    }

    private static long toLong(LongVector target, Object value) {
        return switch (target.type().kind()) {
            case DATE -> value instanceof LocalDate d ? TemporalEncoding.encodeDate(d) : number(value, target);
            case TIME -> value instanceof LocalTime t ? TemporalEncoding.encodeTime(t) : number(value, target);
            case TIMESTAMP -> value instanceof LocalDateTime t ? TemporalEncoding.encodeTimestamp(t) : number(value, target);
            case TIMESTAMP_TZ -> switch (value) {
                case Instant i -> TemporalEncoding.encodeInstant(i);
                case OffsetDateTime o -> TemporalEncoding.encodeInstant(o.toInstant());
                case ZonedDateTime z -> TemporalEncoding.encodeInstant(z.toInstant());
                default -> number(value, target);
            };
            default -> number(value, target);
        };
    }

    private static long number(Object value, Vector target) {
        Number n = (Number) expect(value, Number.class, target);
        if (n instanceof BigDecimal || n instanceof BigInteger || n instanceof Double || n instanceof Float) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "value " + n + " is not a whole number for type " + target.type());
        }
        return n.longValue();
    }

    private static BigDecimal toBigDecimal(Object value, Vector target) {
        return switch (value) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> new BigDecimal(f.toString());
            case Number n -> BigDecimal.valueOf(n.longValue());
            default -> throw mismatch(value, target);
        };
    }

    private static Object expect(Object value, Class<?> expected, Vector target) {
        if (!expected.isInstance(value)) {
            throw mismatch(value, target);
        }
        return value;
    }

    private static JunctionException mismatch(Object value, Vector target) {
        return JunctionException.internal("a " + value.getClass().getSimpleName() + " value cannot be held in a "
                + target.type() + " column: " + value, null);
    }
}
