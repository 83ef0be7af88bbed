package io.junction.bench;

import io.junction.exec.operator.Operator;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;

/** Hands out prepared batches, so a benchmark measures the operator above it and not data generation. */
final class ReplayOperator implements Operator {
    private final List<JunctionType> types;
    private final List<Batch> batches;
    private int next;

    ReplayOperator(List<JunctionType> types, List<Batch> batches) {
        this.types = types;
        this.batches = batches;
    }

    @Override
    public Batch next() {
        return next < batches.size() ? batches.get(next++) : null;
    }

    @Override
    public void close() {
        next = batches.size();
    }

    @Override
    public List<JunctionType> outputTypes() {
        return types;
    }

    @Override
    public String describe() {
        return "Replay";
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }
}
