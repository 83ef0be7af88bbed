package io.junction.connector.sqlite;

import io.junction.connector.jdbc.JdbcColumnReader;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Integers, refusing what SQLite's flexible typing lets into an INTEGER column but is not an integer
 * (text such as 'abc' would otherwise read as 0 through getLong).
 */
final class SqliteIntegerColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        Object value = rs.getObject(column);
        switch (value) {
            case null -> target.setNull(row);
            case Integer i -> ((LongVector) target).set(row, i);
            case Long l -> ((LongVector) target).set(row, l);
            case Double d when d == Math.rint(d) && Math.abs(d) < 0x1p63 -> ((LongVector) target).set(row, d.longValue());
            default -> throw new IllegalArgumentException("SQLite value '" + value + "' is not an integer");
        }
    }
}
