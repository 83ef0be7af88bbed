package io.junction.connector.jdbc;

import io.junction.vector.BinaryVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;

public final class BinaryColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        ((BinaryVector) target).set(row, rs.getBytes(column));
    }
}
