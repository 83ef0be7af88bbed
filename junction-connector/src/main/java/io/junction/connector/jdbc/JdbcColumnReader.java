package io.junction.connector.jdbc;

import io.junction.types.JunctionType;
import io.junction.vector.Vector;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Copies one column of a result set's current row into a vector. A reader is chosen once per query and
 * column from the requested output type, so the per-row loop has no type switch.
 *
 * <p>Contract: {@link #read} writes row {@code row} of {@code target} (a vector created for the output type
 * the reader was chosen for), setting it NULL when the source value is NULL. A value that cannot be carried
 * in the output type raises an unchecked exception (ArithmeticException, DateTimeException,
 * IllegalArgumentException); the caller reports it with the column's name.
 */
public interface JdbcColumnReader {
    void read(ResultSet rs, int column, Vector target, int row) throws SQLException;

    /** The reader that suits a driver that follows JDBC 4.2 for {@code type}. */
    static JdbcColumnReader standard(JunctionType type) {
        return switch (type.kind()) {
            case BOOLEAN -> new BooleanColumnReader();
            case TINYINT, SMALLINT, INTEGER, BIGINT -> new IntegerColumnReader();
            case REAL -> new RealColumnReader();
            case DOUBLE -> new DoubleColumnReader();
            case DECIMAL -> new DecimalColumnReader(type);
            case CHAR -> new CharColumnReader(type.precision());
            case VARCHAR, JSON -> new TextColumnReader();
            case UUID -> new UuidColumnReader();
            case VARBINARY -> new BinaryColumnReader();
            case DATE -> new DateColumnReader();
            case TIME -> new TimeColumnReader();
            case TIMESTAMP -> new TimestampColumnReader();
            case TIMESTAMP_TZ -> new TimestampTzColumnReader();
            case NULL -> new NullColumnReader();
        };
    }
}
