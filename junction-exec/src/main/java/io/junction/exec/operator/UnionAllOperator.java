package io.junction.exec.operator;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;

/** UNION ALL: the inputs' batches one input after another; each input is closed when it is used up. */
public final class UnionAllOperator implements Operator {
    private final List<Operator> inputs;
    private int current;

    public UnionAllOperator(List<Operator> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("UNION ALL needs at least one input");
        }
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public Batch next() {
        while (current < inputs.size()) {
            Batch batch = inputs.get(current).next();
            if (batch != null) {
                return batch;
            }
            inputs.get(current).close();
            current++;
        }
        return null;
    }

    @Override
    public void close() {
        for (Operator input : inputs) {
            input.close();
        }
    }

    @Override
    public List<JunctionType> outputTypes() {
        return inputs.getFirst().outputTypes();
    }

    @Override
    public String describe() {
        return "UnionAll";
    }

    @Override
    public List<Operator> inputs() {
        return inputs;
    }
}
