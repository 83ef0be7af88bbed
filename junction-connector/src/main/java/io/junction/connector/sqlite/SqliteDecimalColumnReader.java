package io.junction.connector.sqlite;

import io.junction.connector.jdbc.DecimalColumnReader;
import io.junction.connector.jdbc.JdbcColumnReader;
import io.junction.types.JunctionType;
import io.junction.vector.DecimalVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Decimals from whatever SQLite stored: text keeps every digit and is read as written; integers are exact;
 * reals are read from their shortest decimal rendering, which is what SQLite itself prints for them.
 */
final class SqliteDecimalColumnReader implements JdbcColumnReader {
    private final DecimalColumnReader exact;

    SqliteDecimalColumnReader(JunctionType type) {
        this.exact = new DecimalColumnReader(type);
    }

    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        Object value = rs.getObject(column);
        BigDecimal decimal = switch (value) {
            case null -> null;
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Double d -> BigDecimal.valueOf(d);
            case String s -> new BigDecimal(s.trim());
            default -> throw new IllegalArgumentException("SQLite value of class " + value.getClass().getSimpleName() + " is not a number");
        };
        if (decimal == null) {
            target.setNull(row);
        } else {
            exact.write(decimal, (DecimalVector) target, row);
        }
    }
}
