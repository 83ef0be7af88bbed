package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.types.TypeKind;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.util.Locale;

/**
 * date_trunc(unit, value) as in PostgreSQL: the value with every field finer than the unit set to its lowest
 * value (weeks start on Monday; decades, centuries and millennia as PostgreSQL counts them). Works on DATE,
 * TIMESTAMP and TIMESTAMP WITH TIME ZONE (in UTC) values in their encoded form.
 */
public final class DateTruncExpression implements Expression {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private enum Unit { MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY, MILLENNIUM }

    private final Unit unit;
    private final Expression value;
    private final JunctionType type;

    public DateTruncExpression(Expression unit, Expression value, JunctionType type) {
        if (!(unit instanceof Literal literal) || literal.value() == null) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, "date_trunc needs a constant unit, not " + unit.describe());
        }
        String name = literal.value().toString().strip().toUpperCase(Locale.ROOT);
        if (name.endsWith("S") && !name.equals("MICROSECONDS") && !name.equals("MILLISECONDS")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            this.unit = Unit.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "date_trunc unit '" + literal.value() + "' is not recognized");
        }
        TypeKind kind = value.type().kind();
        if (kind != TypeKind.DATE && kind != TypeKind.TIMESTAMP && kind != TypeKind.TIMESTAMP_TZ) {
            throw new JunctionException(ErrorCode.DATATYPE_MISMATCH, "date_trunc needs a date or timestamp, not " + value.type());
        }
        this.value = value;
        this.type = type;
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        LongVector in = (LongVector) value.evaluate(batch);
        boolean date = value.type().kind() == TypeKind.DATE;
        LongVector out = (LongVector) Vector.create(value.type(), n);
        long[] x = in.values();
        long[] r = out.values();
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                out.setNull(i);
                continue;
            }
            long micros = date ? x[i] * MICROS_PER_DAY : x[i];
            long truncated = truncate(micros);
            r[i] = date ? Math.floorDiv(truncated, MICROS_PER_DAY) : truncated;
        }
        return CastExpression.cast(out, n, type);
    }

    private long truncate(long micros) {
        long day = Math.floorDiv(micros, MICROS_PER_DAY);
        return switch (unit) {
            case MICROSECONDS -> micros;
            case MILLISECONDS -> micros - Math.floorMod(micros, 1_000L);
            case SECOND -> micros - Math.floorMod(micros, 1_000_000L);
            case MINUTE -> micros - Math.floorMod(micros, 60_000_000L);
            case HOUR -> micros - Math.floorMod(micros, 3_600_000_000L);
            case DAY -> day * MICROS_PER_DAY;
            // 1970-01-01 was a Thursday; Monday-based weeks start three days before it
            case WEEK -> (day - Math.floorMod(day + 3, 7)) * MICROS_PER_DAY;
            default -> dateUnit(day) * MICROS_PER_DAY;
        };
    }

    private long dateUnit(long day) {
        long year = CivilCalendar.year(day);
        long month = CivilCalendar.month(day);
        return switch (unit) {
            case MONTH -> CivilCalendar.epochDay(year, month, 1);
            case QUARTER -> CivilCalendar.epochDay(year, (month - 1) / 3 * 3 + 1, 1);
            case YEAR -> CivilCalendar.epochDay(year, 1, 1);
            case DECADE -> CivilCalendar.epochDay(Math.floorDiv(year, 10) * 10, 1, 1);
            case CENTURY -> CivilCalendar.epochDay(year > 0 ? (year - 1) / 100 * 100 + 1 : year, 1, 1);
            default -> CivilCalendar.epochDay(year > 0 ? (year - 1) / 1000 * 1000 + 1 : year, 1, 1);
        };
    }

    @Override
    public String describe() {
        return "date_trunc('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value.describe() + ")";
    }
}
