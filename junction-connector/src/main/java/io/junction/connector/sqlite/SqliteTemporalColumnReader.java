package io.junction.connector.sqlite;

import io.junction.connector.jdbc.JdbcColumnReader;
import io.junction.types.TemporalEncoding;
import io.junction.types.TypeKind;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Dates, times and timestamps from the ISO-8601 text SQLite's date functions produce
 * ({@code 2024-05-01}, {@code 13:45:00}, {@code 2024-05-01 13:45:00.123}, also with a {@code T}).
 * Numbers (Julian days, Unix seconds, sqlite-jdbc's milliseconds) are ambiguous and refused rather than guessed.
 */
final class SqliteTemporalColumnReader implements JdbcColumnReader {
    private final TypeKind kind;

    SqliteTemporalColumnReader(TypeKind kind) {
        this.kind = kind;
    }

    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            target.setNull(row);
            return;
        }
        if (!(value instanceof String text)) {
            throw new DateTimeException("SQLite value " + value + " is a number; Junction reads SQLite " + kind
                    + " values only from ISO-8601 text such as '2024-05-01 13:45:00'");
        }
        long encoded = switch (kind) {
            case DATE -> TemporalEncoding.encodeDate(LocalDate.parse(text.trim()));
            case TIME -> TemporalEncoding.encodeTime(LocalTime.parse(text.trim()));
            default -> TemporalEncoding.encodeTimestamp(parseTimestamp(text.trim()));
        };
        ((LongVector) target).set(row, encoded);
    }

    private static LocalDateTime parseTimestamp(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay();
        }
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }
}
