package io.junction.exec.operator;

import io.junction.exec.expr.Expression;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BooleanVector;

import java.util.List;

/**
 * Keeps the rows where the predicate is TRUE (not FALSE, not NULL): the predicate runs over the whole batch,
 * the passing positions are collected and gathered, and a batch where every row passes is returned
 * untouched. Batches where no row passes are skipped, so the output never contains an empty batch.
 */
public final class FilterOperator implements Operator {
    private final Operator input;
    private final Expression predicate;
    /** Positions of the passing rows of the current batch; reused, since gather copies them out. */
    private int[] selected = new int[0];

    public FilterOperator(Operator input, Expression predicate) {
        this.input = input;
        this.predicate = predicate;
    }

    /** A batch and the positions of its rows that passed; the positions are overwritten by the next call. */
    record Selection(Batch batch, int[] positions, int count) {
        boolean isWholeBatch() {
            return count == batch.rowCount();
        }
    }

    @Override
    public Batch next() {
        Selection selection = nextSelection();
        if (selection == null) {
            return null;
        }
        return selection.isWholeBatch() ? selection.batch() : selection.batch().gather(selection.positions(), selection.count());
    }

    /** The next batch with at least one passing row, and those rows' positions, without copying them. */
    Selection nextSelection() {
        Batch batch;
        while ((batch = input.next()) != null) {
            int n = batch.rowCount();
            BooleanVector result = (BooleanVector) predicate.evaluate(batch);
            boolean[] values = result.values();
            if (selected.length < n) {
                selected = new int[n];
            }
            int count = 0;
            if (result.mayHaveNulls()) {
                for (int i = 0; i < n; i++) {
                    if (values[i] && !result.isNull(i)) {
                        selected[count++] = i;
                    }
                }
            } else {
                // written for every row and kept by advancing the count: no branch to mispredict
                for (int i = 0; i < n; i++) {
                    selected[count] = i;
                    count += values[i] ? 1 : 0;
                }
            }
            if (count > 0) {
                return new Selection(batch, selected, count);
            }
        }
        return null;
    }

    @Override
    public void close() {
        input.close();
    }

    @Override
    public List<JunctionType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public String describe() {
        return "Filter[" + predicate.describe() + "]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }
}
