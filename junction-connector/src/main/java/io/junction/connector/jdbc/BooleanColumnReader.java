package io.junction.connector.jdbc;

import io.junction.vector.BooleanVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;

public final class BooleanColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        boolean value = rs.getBoolean(column);
        if (rs.wasNull()) {
            target.setNull(row);
        } else {
            ((BooleanVector) target).set(row, value);
        }
    }
}
