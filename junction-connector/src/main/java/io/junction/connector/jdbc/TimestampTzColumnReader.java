package io.junction.connector.jdbc;

import io.junction.types.TemporalEncoding;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Instants, read as {@link OffsetDateTime} so the offset the source sends is honoured. */
public final class TimestampTzColumnReader implements JdbcColumnReader {
    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value == null) {
            target.setNull(row);
        } else {
            ((LongVector) target).set(row, TemporalEncoding.encodeInstant(value.toInstant()));
        }
    }
}
