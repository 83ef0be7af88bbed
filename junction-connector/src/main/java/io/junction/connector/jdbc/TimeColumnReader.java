package io.junction.connector.jdbc;

import io.junction.types.TemporalEncoding;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;

public final class TimeColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        LocalTime value = rs.getObject(column, LocalTime.class);
        if (value == null) {
            target.setNull(row);
        } else {
            ((LongVector) target).set(row, TemporalEncoding.encodeTime(value));
        }
    }
}
