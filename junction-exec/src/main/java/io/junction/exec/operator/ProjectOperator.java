package io.junction.exec.operator;

import io.junction.exec.expr.Expression;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Computes one output column per expression over each input batch. Over a filter, the filter's passing
 * positions are taken instead of its gathered batch: expressions that can read through positions (columns,
 * constants, simple integer arithmetic) do, and the others share one gathered copy made only if needed.
 */
public final class ProjectOperator implements Operator {
    private final Operator input;
    private final List<Expression> projections;
    private final List<JunctionType> types;
    /** The input when it is a filter, else null. */
    private final FilterOperator filter;

    public ProjectOperator(Operator input, List<Expression> projections) {
        this.input = input;
        this.projections = List.copyOf(projections);
        this.types = this.projections.stream().map(Expression::type).toList();
        this.filter = input instanceof FilterOperator f ? f : null;
    }

    @Override
    public Batch next() {
        if (filter != null) {
            return projectSelection();
        }
        Batch batch = input.next();
        return batch == null ? null : project(batch);
    }

    private Batch project(Batch batch) {
        Vector[] columns = new Vector[projections.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = projections.get(c).evaluate(batch);
        }
        return new Batch(columns, batch.rowCount());
    }

    private Batch projectSelection() {
        FilterOperator.Selection selection = filter.nextSelection();
        if (selection == null) {
            return null;
        }
        Batch batch = selection.batch();
        if (selection.isWholeBatch()) {
            return project(batch);
        }
        Vector[] columns = new Vector[projections.size()];
        Batch gathered = null;
        for (int c = 0; c < columns.length; c++) {
            Expression projection = projections.get(c);
            if (projection.readsThroughPositions()) {
                columns[c] = projection.evaluate(batch, selection.positions(), selection.count());
            } else {
                if (gathered == null) {
                    gathered = batch.gather(selection.positions(), selection.count());
                }
                columns[c] = projection.evaluate(gathered);
            }
        }
        return new Batch(columns, selection.count());
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
