package io.junction.exec.operator;

import io.junction.exec.expr.Expression;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.List;
import java.util.stream.Collectors;

/** Computes one output column per expression over each input batch. */
public final class ProjectOperator implements Operator {
    private final Operator input;
    private final List<Expression> projections;
    private final List<JunctionType> types;

    public ProjectOperator(Operator input, List<Expression> projections) {
        this.input = input;
        this.projections = List.copyOf(projections);
        this.types = this.projections.stream().map(Expression::type).toList();
    }

    @Override
    public Batch next() {
        Batch batch = input.next();
        if (batch == null) {
            return null;
        }
        Vector[] columns = new Vector[projections.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = projections.get(c).evaluate(batch);
        }
        return new Batch(columns, batch.rowCount());
    }

    @Override
    public void close() {
        input.close();
    }

    @Override
    public List<JunctionType> outputTypes() {
        return types;
    }

    @Override
    public String describe() {
        return projections.stream().map(Expression::describe).collect(Collectors.joining(", ", "Project[", "]"));
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }
}
