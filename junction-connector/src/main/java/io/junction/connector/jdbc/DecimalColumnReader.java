package io.junction.connector.jdbc;

import io.junction.types.JunctionType;
import io.junction.vector.DecimalVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Exact decimals via {@link ResultSet#getBigDecimal}, never through a double. Values with more fractional
 * digits than the output scale are rounded half-up (this only happens for sources whose column declares no
 * scale; see docs/type-mapping.md); values with too many integer digits are an error, not silently cut.
 */
public final class DecimalColumnReader implements JdbcColumnReader {
    private final JunctionType type;

    public DecimalColumnReader(JunctionType type) {
        this.type = type;
    }

    @Override
    public void read(ResultSet rs, int column, Vector target, int row) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        if (value == null) {
            target.setNull(row);
        } else {
            write(value, (DecimalVector) target, row);
        }
    }

    /** Stores {@code value} at the vector's scale, refusing values that do not fit the type's precision. */
    public void write(BigDecimal value, DecimalVector target, int row) {
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale() && scaled.signum() != 0) {
            throw new ArithmeticException("value " + value.toPlainString() + " does not fit " + type);
        }
        target.set(row, scaled);
    }
}
