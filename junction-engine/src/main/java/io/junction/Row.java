package io.junction;

import io.junction.types.TypeKind;
import io.junction.vector.Batch;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A view of one row of a result batch, with typed getters. The view is only valid until the iterator
 * moves on; copy values out with {@link #values()} to keep them.
 *
 * <p>Java classes by type: integers {@code Integer} (BIGINT {@code Long}), REAL {@code Float}, DOUBLE
 * {@code Double}, DECIMAL {@code BigDecimal}, text {@code String}, UUID {@code java.util.UUID}, BOOLEAN
 * {@code Boolean}, DATE {@code LocalDate}, TIME {@code LocalTime}, TIMESTAMP {@code LocalDateTime},
 * TIMESTAMP WITH TIME ZONE {@code OffsetDateTime} (UTC), VARBINARY {@code byte[]}.
 */
public final class Row {
    private Batch batch;
    private int index;

    Row() {
    }

    void position(Batch batch, int index) {
        this.batch = batch;
        this.index = index;
    }

    public int size() {
        return batch.columnCount();
    }

    public boolean isNull(int column) {
        return batch.column(column).isNull(index);
    }

    public Object get(int column) {
        return batch.column(column).getObject(index);
    }

    /** Integer, date or time column as its long value; 0 for NULL (check {@link #isNull}). */
    public long getLong(int column) {
        return ((LongVector) batch.column(column)).get(index);
    }

    public double getDouble(int column) {
        return ((DoubleVector) batch.column(column)).get(index);
    }

    public BigDecimal getBigDecimal(int column) {
        var v = batch.column(column);
        if (v.isNull(index)) {
            return null;
        }
        if (v.type().kind() == TypeKind.DECIMAL) {
            return ((DecimalVector) v).getBigDecimal(index);
        }
        return new BigDecimal(v.getObject(index).toString());
    }

    public String getString(int column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    /** All values of the row, copied. */
    public List<Object> values() {
        List<Object> out = new ArrayList<>(size());
        for (int c = 0; c < size(); c++) {
            out.add(get(c));
        }
        return out;
    }

    @Override
    public String toString() {
        return values().toString();
    }
}
