package io.junction.connector.jdbc;

import io.junction.types.CharPadding;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A CHAR(n) column, padded to its length as Junction carries CHAR values: MariaDB and MySQL return CHAR columns
 * without their trailing spaces, and 'ALGERIA' from there would not equal PostgreSQL's 'ALGERIA   ' in a join.
 */
final class CharColumnReader implements JdbcColumnReader {
    private final int length;

    CharColumnReader(int length) {
        this.length = length;
    }

    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        String value = rs.getString(column);
        ((StringVector) target).set(row, value == null ? null : CharPadding.padded(value, length));
    }
}
