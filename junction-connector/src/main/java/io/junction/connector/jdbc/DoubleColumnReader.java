package io.junction.connector.jdbc;

import io.junction.vector.DoubleVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;

public final class DoubleColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        double value = rs.getDouble(column);
        if (rs.wasNull()) {
            target.setNull(row);
        } else {
            ((DoubleVector) target).set(row, value);
        }
    }
}
