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

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * EXTRACT(unit FROM value) for DATE, TIME, TIMESTAMP and TIMESTAMP WITH TIME ZONE (read in UTC). Each row's
 * field is computed in millionths so SECOND and EPOCH keep their fraction: an integer result type truncates
 * it, a DECIMAL or DOUBLE result keeps it. DOW counts from Sunday = 0 as PostgreSQL does.
 */
public final class ExtractExpression implements Expression {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private enum Unit { YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, DOW, ISODOW, DOY, EPOCH }

    private final Unit unit;
    private final Expression value;
    private final JunctionType type;

    public ExtractExpression(Expression unit, Expression value, JunctionType type) {
        if (!(unit instanceof Literal literal) || literal.value() == null) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, "EXTRACT needs a constant unit, not " + unit.describe());
        }
        String name = literal.value().toString().strip().toUpperCase(Locale.ROOT);
        try {
            this.unit = Unit.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "EXTRACT unit '" + name + "' is not recognized");
        }
        TypeKind kind = value.type().kind();
        if (!kind.isTemporal()) {
            throw new JunctionException(ErrorCode.DATATYPE_MISMATCH, "EXTRACT needs a date or time value, not " + value.type());
        }
        boolean dateUnit = this.unit.ordinal() <= Unit.DAY.ordinal() || this.unit.ordinal() >= Unit.DOW.ordinal() && this.unit != Unit.EPOCH;
        if (kind == TypeKind.TIME && dateUnit) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "EXTRACT unit " + this.unit + " is not supported for type TIME");
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
        long[] x = in.values();
        TypeKind kind = value.type().kind();
        Vector out = Vector.create(type, n);
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                out.setNull(i);
                continue;
            }
            long micros = switch (kind) {
                case DATE -> x[i] * MICROS_PER_DAY;
                default -> x[i];
            };
            write(out, i, kind == TypeKind.TIME ? timeField(micros) : field(micros));
        }
        return out;
    }

    /** The unit's value for a timestamp in micros, times one million. */
    private long field(long micros) {
        long day = Math.floorDiv(micros, MICROS_PER_DAY);
        long timeOfDay = micros - day * MICROS_PER_DAY;
        return switch (unit) {
            case YEAR -> CivilCalendar.year(day) * MICROS_PER_SECOND;
            case QUARTER -> ((CivilCalendar.month(day) - 1) / 3 + 1) * MICROS_PER_SECOND;
            case MONTH -> CivilCalendar.month(day) * MICROS_PER_SECOND;
            case WEEK -> LocalDate.ofEpochDay(day).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) * MICROS_PER_SECOND;
            case DAY -> CivilCalendar.day(day) * MICROS_PER_SECOND;
            case DOW -> CivilCalendar.dayOfWeek(day) * MICROS_PER_SECOND;
            case ISODOW -> (Math.floorMod(day + 3, 7) + 1) * MICROS_PER_SECOND;
            case DOY -> CivilCalendar.dayOfYear(day) * MICROS_PER_SECOND;
            case EPOCH -> micros;
            default -> timeField(timeOfDay);
        };
    }

    private long timeField(long timeOfDay) {
        return switch (unit) {
            case HOUR -> timeOfDay / 3_600_000_000L * MICROS_PER_SECOND;
            case MINUTE -> timeOfDay / 60_000_000L % 60 * MICROS_PER_SECOND;
            case SECOND -> timeOfDay % 60_000_000L;
            case MILLISECOND -> timeOfDay % 60_000_000L * 1000;
            case MICROSECOND -> timeOfDay % 60_000_000L * MICROS_PER_SECOND;
            case EPOCH -> timeOfDay;
            default -> throw new IllegalStateException(unit.name());
        };
    }

    private void write(Vector out, int i, long millionths) {
        switch (out) {
            case LongVector l -> l.set(i, CastExpression.checkRange(Math.floorDiv(millionths, MICROS_PER_SECOND), type));
            case DoubleVector d -> d.set(i, millionths / (double) MICROS_PER_SECOND);
            case DecimalVector d -> DecimalArithmetic.store(d, i, java.math.BigDecimal.valueOf(millionths, 6));
            default -> throw new JunctionException(ErrorCode.DATATYPE_MISMATCH, "EXTRACT cannot produce " + type);
        }
    }

    @Override
    public String describe() {
        return "EXTRACT(" + unit + " FROM " + value.describe() + ")";
    }
}
