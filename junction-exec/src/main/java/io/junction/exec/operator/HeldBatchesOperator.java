package io.junction.exec.operator;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Hands out batches an operator already holds, so they can be fed to another operator (a top-N that turns
 * into a sort); each batch is dropped once handed out, so its memory can go as soon as the consumer lets go.
 */
final class HeldBatchesOperator implements Operator {
    private final List<JunctionType> types;
    private final Deque<Batch> batches;

    HeldBatchesOperator(List<JunctionType> types, List<Batch> batches) {
        this.types = types;
        this.batches = new ArrayDeque<>(batches);
    }

    @Override
    public Batch next() {
        Batch batch;
        while ((batch = batches.poll()) != null) {
            if (batch.rowCount() > 0) {
                return batch;
            }
        }
        return null;
    }

    @Override
    public void close() {
        batches.clear();
    }

    @Override
    public List<JunctionType> outputTypes() {
        return types;
    }

    @Override
    public String describe() {
        return "HeldBatches";
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }
}
