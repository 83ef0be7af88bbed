package io.junction.connector.duckdb;

import io.junction.connector.jdbc.JdbcColumnReader;
import io.junction.types.TemporalEncoding;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;

/**
 * TIME values from their ISO text: the DuckDB driver cannot return a LocalTime, and java.sql.Time would
 * drop the microseconds.
 */
final class DuckDbTimeColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            target.setNull(row);
        } else {
            ((LongVector) target).set(row, TemporalEncoding.encodeTime(LocalTime.parse(text)));
        }
    }
}
