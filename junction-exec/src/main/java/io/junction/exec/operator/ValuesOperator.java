package io.junction.exec.operator;

import io.junction.exec.vector.ValueEncoder;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.List;

/** Literal rows (VALUES, and tests), emitted in batches of a fixed size. */
public final class ValuesOperator implements Operator {
    private final List<JunctionType> types;
    private final List<List<Object>> rows;
    private final int batchSize;
    private int position;

    public ValuesOperator(List<JunctionType> types, List<List<Object>> rows) {
        this(types, rows, Batch.DEFAULT_SIZE);
    }

    /** As above with a chosen batch size; small sizes let tests exercise batch boundaries. */
    public ValuesOperator(List<JunctionType> types, List<List<Object>> rows, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize);
        }
        this.types = List.copyOf(types);
        this.rows = rows;
        this.batchSize = batchSize;
        for (List<Object> row : rows) {
            if (row.size() != types.size()) {
                throw new IllegalArgumentException("row " + row + " does not have " + types.size() + " values");
            }
        }
    }

    @Override
    public Batch next() {
        if (position >= rows.size()) {
            return null;
        }
        int n = Math.min(batchSize, rows.size() - position);
        Vector[] columns = new Vector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = Vector.create(types.get(c), n);
            for (int i = 0; i < n; i++) {
                ValueEncoder.write(columns[c], i, rows.get(position + i).get(c));
            }
        }
        position += n;
        return new Batch(columns, n);
    }

    @Override
    public void close() {
        position = rows.size();
    }

    @Override
    public List<JunctionType> outputTypes() {
        return types;
    }

    @Override
    public String describe() {
        return "Values[" + rows.size() + " rows]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }
}
