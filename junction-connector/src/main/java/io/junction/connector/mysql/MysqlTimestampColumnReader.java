package io.junction.connector.mysql;

import io.junction.connector.jdbc.JdbcColumnReader;
import io.junction.types.TemporalEncoding;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * TIMESTAMP columns as instants. The connector sets every session's time_zone to UTC, so the wall-clock
 * value the server sends is the UTC instant it stores; reading it as a LocalDateTime keeps the driver
 * from applying the JVM's zone.
 */
final class MysqlTimestampColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        if (value == null) {
            target.setNull(row);
        } else {
            ((LongVector) target).set(row, TemporalEncoding.encodeInstant(value.toInstant(ZoneOffset.UTC)));
        }
    }
}
