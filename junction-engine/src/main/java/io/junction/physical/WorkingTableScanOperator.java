package io.junction.physical;

import io.junction.exec.operator.Operator;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;

/** Reads the rows a recursive query produced in its previous iteration (its "working table"). */
final class WorkingTableScanOperator implements Operator {
    private final String name;
    private final List<JunctionType> types;
    private final List<Batch> batches;
    private int next;

    WorkingTableScanOperator(String name, List<JunctionType> types, List<Batch> batches) {
        this.name = name;
        this.types = types;
        this.batches = batches;
    }

    @Override
    public Batch next() {
        return next < batches.size() ? batches.get(next++) : null;
    }

    @Override
    public List<JunctionType> outputTypes() {
        return types;
    }

    @Override
    public String describe() {
        return "WorkingTableScan[" + name + "]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public void close() {
        next = batches.size();
    }
}
