package io.junction.connector.jdbc;

import io.junction.types.TemporalEncoding;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/** Dates as {@link LocalDate}: java.sql.Date would shift by the JVM's zone and the Julian calendar switch. */
public final class DateColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        LocalDate value = rs.getObject(column, LocalDate.class);
        if (value == null) {
            target.setNull(row);
        } else {
            ((LongVector) target).set(row, TemporalEncoding.encodeDate(value));
        }
    }
}
