package io.junction.connector.jdbc;

import io.junction.vector.DoubleVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Single-precision floats, read as floats so that widening to double adds no digits the source never had. */
public final class RealColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        float value = rs.getFloat(column);
        if (rs.wasNull()) {
            target.setNull(row);
        } else {
            ((DoubleVector) target).set(row, value);
        }
    }
}
