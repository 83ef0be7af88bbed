package io.junction.exec.expr;

/**
 * Proleptic Gregorian calendar fields from days since 1970-01-01 by integer arithmetic, so EXTRACT does not
 * allocate a LocalDate per row. Works on 400-year eras starting in March, which puts the leap day last.
 */
final class CivilCalendar {
    private static final long DAYS_PER_ERA = 146_097;
    /** Days from 0000-03-01 to 1970-01-01. */
    private static final long EPOCH_SHIFT = 719_468;

    private CivilCalendar() {
    }

    private static long dayOfEra(long epochDay) {
        long z = epochDay + EPOCH_SHIFT;
        return z - Math.floorDiv(z, DAYS_PER_ERA) * DAYS_PER_ERA;
    }

    private static long yearOfEra(long dayOfEra) {
        return (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    }

    /** Month counted from March = 0. */
    private static long shiftedMonth(long dayOfEra) {
        long yoe = yearOfEra(dayOfEra);
        long dayOfYear = dayOfEra - (365 * yoe + yoe / 4 - yoe / 100);
        return (5 * dayOfYear + 2) / 153;
    }

    static long year(long epochDay) {
        long z = epochDay + EPOCH_SHIFT;
        long era = Math.floorDiv(z, DAYS_PER_ERA);
        long doe = z - era * DAYS_PER_ERA;
        long y = yearOfEra(doe) + era * 400;
        return shiftedMonth(doe) >= 10 ? y + 1 : y;
    }

    static long month(long epochDay) {
        long mp = shiftedMonth(dayOfEra(epochDay));
        return mp < 10 ? mp + 3 : mp - 9;
    }

    static long day(long epochDay) {
        long doe = dayOfEra(epochDay);
        long yoe = yearOfEra(doe);
        long dayOfYear = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        return dayOfYear - (153 * mp + 2) / 5 + 1;
    }

    /** 0 = Sunday ... 6 = Saturday; 1970-01-01 was a Thursday. */
    static long dayOfWeek(long epochDay) {
        return Math.floorMod(epochDay + 4, 7);
    }

    static long dayOfYear(long epochDay) {
        return epochDay - epochDay(year(epochDay), 1, 1) + 1;
    }

    static long epochDay(long year, long month, long day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = month > 2 ? month - 3 : month + 9;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
    }
}
