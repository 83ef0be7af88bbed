package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.types.TypeKind;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

/**
 * A date, time or timestamp plus an interval. Intervals travel as BIGINT: microseconds for day-time intervals,
 * months for year-month intervals (subtraction is addition of the negated interval). Adding months keeps the
 * day of month, clamped to the target month's last day (Jan 31 + 1 month = Feb 29 in a leap year), as
 * PostgreSQL does; microseconds are added exactly, a DATE result dropping any time of day, a TIME wrapping
 * around midnight.
 */
public final class IntervalArithmeticExpression implements Expression {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final Expression datetime;
    private final Expression amount;
    private final boolean months;
    private final JunctionType type;

    public IntervalArithmeticExpression(Expression datetime, Expression amount, boolean months, JunctionType type) {
        if (!datetime.type().kind().isTemporal()) {
            throw new JunctionException(ErrorCode.DATATYPE_MISMATCH, "an interval can be added to a date or time, not to " + datetime.type());
        }
        this.datetime = datetime;
        this.amount = Expressions.coerce(amount, JunctionType.BIGINT);
        this.months = months;
        this.type = type;
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        LongVector base = (LongVector) datetime.evaluate(batch);
        LongVector delta = (LongVector) amount.evaluate(batch);
        TypeKind kind = datetime.type().kind();
        LongVector out = (LongVector) Vector.create(datetime.type(), n);
        for (int i = 0; i < n; i++) {
            if (base.isNull(i) || delta.isNull(i)) {
                out.setNull(i);
                continue;
            }
            try {
                out.set(i, add(kind, base.get(i), delta.get(i)));
            } catch (ArithmeticException e) {
                throw new JunctionException(ErrorCode.NUMERIC_OVERFLOW, "date/time value out of range after adding an interval");
            }
        }
        return CastExpression.cast(out, n, type);
    }

    private long add(TypeKind kind, long value, long delta) {
        if (kind == TypeKind.TIME) {
            return months ? value : Math.floorMod(value + Math.floorMod(delta, MICROS_PER_DAY), MICROS_PER_DAY);
        }
        boolean date = kind == TypeKind.DATE;
        if (!months) {
            return date ? value + Math.floorDiv(delta, MICROS_PER_DAY) : Math.addExact(value, delta);
        }
        long day = date ? value : Math.floorDiv(value, MICROS_PER_DAY);
        long timeOfDay = date ? 0 : value - day * MICROS_PER_DAY;
        long monthIndex = Math.addExact(CivilCalendar.year(day) * 12 + CivilCalendar.month(day) - 1, delta);
        long year = Math.floorDiv(monthIndex, 12);
        long month = Math.floorMod(monthIndex, 12) + 1;
        long lastDay = CivilCalendar.epochDay(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - CivilCalendar.epochDay(year, month, 1);
        long newDay = CivilCalendar.epochDay(year, month, Math.min(CivilCalendar.day(day), lastDay));
        return date ? newDay : Math.addExact(Math.multiplyExact(newDay, MICROS_PER_DAY), timeOfDay);
    }

    @Override
    public String describe() {
        return "(" + datetime.describe() + " + " + amount.describe() + (months ? " MONTHS" : " MICROSECONDS") + ")";
    }
}
