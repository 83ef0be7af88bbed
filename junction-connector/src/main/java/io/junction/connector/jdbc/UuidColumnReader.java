package io.junction.connector.jdbc;

import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** UUIDs in canonical lower-case form, whatever case or form the source prints. */
public final class UuidColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        String text = rs.getString(column);
        ((StringVector) target).set(row, text == null ? null : UUID.fromString(text).toString());
    }
}
