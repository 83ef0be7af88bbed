package io.junction.vector;

import java.util.List;

/**
 * A horizontal slice of a result: one vector per column, all with at least {@code rowCount} values.
 * The unit of work that flows between operators.
 */
public record Batch(Vector[] columns, int rowCount) {
    /** Default rows per batch: large enough to amortise per-batch work, small enough to stay in cache. */
    public static final int DEFAULT_SIZE = 2048;

    public Batch {
        for (Vector column : columns) {
            if (column.capacity() < rowCount) {
                throw new IllegalArgumentException("vector of capacity " + column.capacity() + " in a batch of " + rowCount + " rows");
            }
        }
    }

    public int columnCount() {
        return columns.length;
    }

    public Vector column(int index) {
        return columns[index];
    }

    /** The rows at {@code positions[0..count)}, in that order. */
    public Batch gather(int[] positions, int count) {
        Vector[] out = new Vector[columns.length];
        for (int c = 0; c < columns.length; c++) {
            out[c] = columns[c].gather(positions, count);
        }
        return new Batch(out, count);
    }

    /** Row {@code row} as boxed values; for the edges (results, tests), never for hot loops. */
    public List<Object> row(int row) {
        Object[] values = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            values[c] = columns[c].getObject(row);
        }
        return java.util.Arrays.asList(values);
    }
}
