package io.junction.connector.jdbc;

import io.junction.vector.Vector;

import java.sql.ResultSet;

/** Columns of the NULL type (an untyped NULL literal): every row is NULL. */
public final class NullColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) {
        target.setNull(row);
    }
}
