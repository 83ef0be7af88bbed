package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

/** An input column, returned as the batch's own vector (no copy). */
public record ColumnReference(int index, JunctionType type) implements Expression {
    @Override
    public Vector evaluate(Batch batch) {
        return batch.column(index);
    }

    @Override
    public boolean readsThroughPositions() {
        return true;
    }

    @Override
    public Vector evaluate(Batch batch, int[] positions, int count) {
        return batch.column(index).gather(positions, count);
    }

    @Override
    public String describe() {
        return "$" + index;
    }
}
