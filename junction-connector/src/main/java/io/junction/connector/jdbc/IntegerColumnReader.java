package io.junction.connector.jdbc;

import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Integers of every width; they all travel as longs. */
public final class IntegerColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        long value = rs.getLong(column);
        if (rs.wasNull()) {
            target.setNull(row);
        } else {
            ((LongVector) target).set(row, value);
        }
    }
}
