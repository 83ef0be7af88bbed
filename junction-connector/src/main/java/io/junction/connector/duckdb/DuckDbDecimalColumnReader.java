package io.junction.connector.duckdb;

import io.junction.connector.jdbc.DecimalColumnReader;
import io.junction.connector.jdbc.JdbcColumnReader;
import io.junction.types.JunctionType;
import io.junction.vector.DecimalVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Decimals, including HUGEINT and UBIGINT, which the DuckDB driver returns as BigInteger rather than via getBigDecimal. */
final class DuckDbDecimalColumnReader implements JdbcColumnReader {
    private final DecimalColumnReader exact;

    DuckDbDecimalColumnReader(JunctionType type) {
        this.exact = new DecimalColumnReader(type);
    }

    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        Object value = rs.getObject(column);
        BigDecimal decimal = switch (value) {
            case null -> null;
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            default -> new BigDecimal(value.toString());
        };
        if (decimal == null) {
            target.setNull(row);
        } else {
            exact.write(decimal, (DecimalVector) target, row);
        }
    }
}
