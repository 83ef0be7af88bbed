package io.junction.connector.jdbc;

import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;

/** CHAR, VARCHAR and JSON: the value's text as the driver renders it. */
public final class TextColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        ((StringVector) target).set(row, rs.getString(column));
    }
}
