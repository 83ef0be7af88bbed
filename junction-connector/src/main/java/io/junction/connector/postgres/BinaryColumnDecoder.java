package io.junction.connector.postgres;

import io.junction.types.JunctionType;
import io.junction.types.TypeKind;
import io.junction.vector.BinaryVector;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes one non-NULL field of a binary COPY row, in its PostgreSQL type's binary ("send") format, into a
 * vector of the output type. A decoder is chosen once per column from the pair (PostgreSQL type, Junction type);
 * pairs without one are read through JDBC instead, so the binary path never guesses. Domains are read as their
 * base type; {@code enum} stands for every enum type, whose binary form is its label's text.
 *
 * <p>Contract: values equal what the JDBC path reads for the same column (docs/type-mapping.md), including its
 * quirks: {@code date 'infinity'} becomes LocalDate.MAX's day as pgjdbc returns it, {@code time '24:00'} the last
 * microsecond of the day as pgjdbc's LocalTime.MAX. A value that cannot be carried raises ArithmeticException
 * (out of range) or IllegalArgumentException (no such value in Junction), which the stream reports with the column.
 */
@FunctionalInterface
interface BinaryColumnDecoder {
    void decode(byte[] buffer, int offset, int length, Vector target, int row);

    /** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01. */
    long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    /** Days between 1970-01-01 and 2000-01-01. */
    int POSTGRES_EPOCH_DAYS = 10_957;
    long MICROS_PER_DAY = 86_400_000_000L;

    /**
     * The decoder for a column whose values PostgreSQL sends as {@code pgType} (pg_type.typname, as pgjdbc's
     * metadata names it) and that the plan wants as {@code type}; null when the binary path does not read that pair.
     */
    static BinaryColumnDecoder forColumn(String pgType, JunctionType type) {
        TypeKind kind = type.kind();
        return switch (pgType) {
            case "bool" -> kind == TypeKind.BOOLEAN ? (b, o, l, v, r) -> ((BooleanVector) v).set(r, b[o] != 0) : null;
            case "int2", "smallserial" -> integer(kind, type, (b, o) -> BinaryWire.readShort(b, o));
            case "int4", "serial" -> integer(kind, type, BinaryWire::readInt);
            case "int8", "bigserial" -> integer(kind, type, BinaryWire::readLong);
            case "oid" -> integer(kind, type, (b, o) -> BinaryWire.readInt(b, o) & 0xFFFF_FFFFL);
            case "float4" -> kind == TypeKind.REAL ? (b, o, l, v, r) -> ((DoubleVector) v).set(r, Float.intBitsToFloat(BinaryWire.readInt(b, o))) : null;
            case "float8" -> kind == TypeKind.DOUBLE
                    ? (b, o, l, v, r) -> ((DoubleVector) v).set(r, Double.longBitsToDouble(BinaryWire.readLong(b, o))) : null;
            case "numeric" -> numeric(kind, type);
            case "text", "varchar", "bpchar", "name", "enum", "citext" -> kind == TypeKind.VARCHAR || kind == TypeKind.CHAR || kind == TypeKind.JSON
                    ? (b, o, l, v, r) -> ((StringVector) v).set(r, new String(b, o, l, StandardCharsets.UTF_8)) : null;
            case "json" -> kind == TypeKind.JSON || kind == TypeKind.VARCHAR
                    ? (b, o, l, v, r) -> ((StringVector) v).set(r, new String(b, o, l, StandardCharsets.UTF_8)) : null;
            case "jsonb" -> kind == TypeKind.JSON || kind == TypeKind.VARCHAR ? BinaryColumnDecoder::jsonb : null;
            case "uuid" -> kind == TypeKind.UUID || kind == TypeKind.VARCHAR
                    ? (b, o, l, v, r) -> ((StringVector) v).set(r, new UUID(BinaryWire.readLong(b, o), BinaryWire.readLong(b, o + 8)).toString()) : null;
            case "bytea" -> kind == TypeKind.VARBINARY ? (b, o, l, v, r) -> ((BinaryVector) v).set(r, Arrays.copyOfRange(b, o, o + l)) : null;
            case "date" -> kind == TypeKind.DATE ? BinaryColumnDecoder::date : null;
            case "time" -> kind == TypeKind.TIME ? BinaryColumnDecoder::time : null;
            case "timestamp" -> kind == TypeKind.TIMESTAMP ? (b, o, l, v, r) -> timestamp(b, o, v, r, "timestamp") : null;
            case "timestamptz" -> kind == TypeKind.TIMESTAMP_TZ ? (b, o, l, v, r) -> timestamp(b, o, v, r, "timestamptz") : null;
            default -> null;
        };
    }

    /** Reads one integer field as a long. */
    @FunctionalInterface
    interface IntegerField {
        long read(byte[] buffer, int offset);
    }

    private static BinaryColumnDecoder integer(TypeKind kind, JunctionType type, IntegerField field) {
        return switch (kind) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> (b, o, l, v, r) -> ((LongVector) v).set(r, field.read(b, o));
            case DOUBLE -> (b, o, l, v, r) -> ((DoubleVector) v).set(r, (double) field.read(b, o));
            case DECIMAL -> {
                BigInteger limit = BigInteger.TEN.pow(type.precision());
                BigInteger factor = BigInteger.TEN.pow(type.scale());
                yield (b, o, l, v, r) -> {
                    BigInteger unscaled = BigInteger.valueOf(field.read(b, o)).multiply(factor);
                    if (unscaled.abs().compareTo(limit) >= 0) {
                        throw new ArithmeticException("value " + field.read(b, o) + " does not fit " + type);
                    }
                    ((DecimalVector) v).setUnscaled(r, unscaled);
                };
            }
            default -> null;
        };
    }

    private static BinaryColumnDecoder numeric(TypeKind kind, JunctionType type) {
        return switch (kind) {
            case DECIMAL -> {
                PostgresNumericDecoder decoder = new PostgresNumericDecoder(type);
                yield (b, o, l, v, r) -> decoder.decode(b, o, (DecimalVector) v, r);
            }
            case DOUBLE -> (b, o, l, v, r) -> ((DoubleVector) v).set(r, PostgresNumericDecoder.toDouble(b, o));
            default -> null;
        };
    }

    private static void jsonb(byte[] buffer, int offset, int length, Vector target, int row) {
        if (length < 1 || buffer[offset] != 1) {
            throw new IllegalArgumentException("jsonb in an unknown binary format version " + (length < 1 ? "(empty)" : buffer[offset]));
        }
        ((StringVector) target).set(row, new String(buffer, offset + 1, length - 1, StandardCharsets.UTF_8));
    }

    private static void date(byte[] buffer, int offset, int length, Vector target, int row) {
        int days = BinaryWire.readInt(buffer, offset);
        long epochDay = switch (days) {
            case Integer.MAX_VALUE -> LocalDate.MAX.toEpochDay();
            case Integer.MIN_VALUE -> LocalDate.MIN.toEpochDay();
            default -> (long) days + POSTGRES_EPOCH_DAYS;
        };
        ((LongVector) target).set(row, epochDay);
    }

    private static void time(byte[] buffer, int offset, int length, Vector target, int row) {
        long micros = BinaryWire.readLong(buffer, offset);
        ((LongVector) target).set(row, micros >= MICROS_PER_DAY ? MICROS_PER_DAY - 1 : micros);
    }

    private static void timestamp(byte[] buffer, int offset, Vector target, int row, String pgType) {
        long micros = BinaryWire.readLong(buffer, offset);
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            throw new ArithmeticException(pgType + " '" + (micros == Long.MAX_VALUE ? "" : "-")
                    + "infinity' has no Junction value; filter it out in the source");
        }
        ((LongVector) target).set(row, Math.addExact(micros, POSTGRES_EPOCH_MICROS));
    }
}
