package io.junction.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How date and time values are held in {@link io.junction.vector.LongVector}s: DATE as days since
 * the epoch, TIME as microseconds of the day, TIMESTAMP as microseconds since 1970-01-01T00:00
 * read as a local date-time, TIMESTAMP WITH TIME ZONE as microseconds since the UTC epoch.
 * Microseconds because that is the finest unit PostgreSQL, MariaDB and DuckDB store.
 */
public final class TemporalEncoding {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private TemporalEncoding() {
    }

    public static long encodeDate(LocalDate date) {
        return date.toEpochDay();
    }

    public static LocalDate decodeDate(long epochDay) {
        return LocalDate.ofEpochDay(epochDay);
    }

    public static long encodeTime(LocalTime time) {
        return time.toNanoOfDay() / 1_000L;
    }

    public static LocalTime decodeTime(long micros) {
        return LocalTime.ofNanoOfDay(micros * 1_000L);
    }

    public static long encodeTimestamp(LocalDateTime ts) {
        return ChronoUnit.MICROS.between(EPOCH, ts);
    }

    public static LocalDateTime decodeTimestamp(long micros) {
        return EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    public static long encodeInstant(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1_000L);
    }

    public static Instant decodeInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }

    public static OffsetDateTime decodeTimestampTz(long micros) {
        return decodeInstant(micros).atOffset(ZoneOffset.UTC);
    }
}
