package io.junction.exec.vector;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.List;

/**
 * Accumulates rows into growing vectors, for operators that assemble output row by row (joins'
 * grouping keys) or materialize their input (sort, build sides). {@link #build} hands the vectors
 * over and starts afresh, so a built batch is never modified afterwards.
 */
public final class BatchBuilder {
    private final List<JunctionType> types;
    private final int initialCapacity;
    private Vector[] columns;
    private int rowCount;

    public BatchBuilder(List<JunctionType> types, int initialCapacity) {
        this.types = List.copyOf(types);
        this.initialCapacity = Math.max(1, initialCapacity);
        this.columns = newColumns();
    }

    /** A builder that starts with {@code rows}, taking over its vectors (which the caller must not use again). */
    public BatchBuilder(List<JunctionType> types, Batch rows) {
        this.types = List.copyOf(types);
        this.initialCapacity = Math.max(1, rows.rowCount());
        this.columns = rows.columns().clone();
        this.rowCount = rows.rowCount();
    }

    private Vector[] newColumns() {
        Vector[] vectors = new Vector[types.size()];
        for (int c = 0; c < vectors.length; c++) {
            vectors[c] = Vector.create(types.get(c), initialCapacity);
        }
        return vectors;
    }

    public int rowCount() {
        return rowCount;
    }

    public boolean isEmpty() {
        return rowCount == 0;
    }

    public Vector column(int index) {
        return columns[index];
    }

    private void ensureRoom(int rows) {
        int needed = rowCount + rows;
        for (Vector column : columns) {
            column.ensureCapacity(needed);
        }
    }

    /** Appends row {@code row} of {@code source}, whose columns match this builder's. */
    public void appendRow(Batch source, int row) {
        ensureRoom(1);
        for (int c = 0; c < columns.length; c++) {
            columns[c].copyRow(source.column(c), row, rowCount);
        }
        rowCount++;
    }

    /** Appends every row of {@code source}. */
    public void appendRows(Batch source) {
        int n = source.rowCount();
        ensureRoom(n);
        for (int c = 0; c < columns.length; c++) {
            columns[c].copyRows(source.column(c), 0, rowCount, n);
        }
        rowCount += n;
    }

    /** The rows so far as a batch; the builder starts over with fresh vectors. */
    public Batch build() {
        Batch batch = new Batch(columns, rowCount);
        columns = newColumns();
        rowCount = 0;
        return batch;
    }
}
