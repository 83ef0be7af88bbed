package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

/**
 * A scalar expression evaluated a whole batch at a time.
 *
 * <p>Contract: {@link #evaluate} returns a vector of {@link #type()} holding one value per row of the
 * batch (rows {@code 0..batch.rowCount()}); it may return one of the batch's own vectors (a column
 * reference) so callers must not modify the result. SQL NULL semantics hold throughout: NULL in, NULL
 * out, except where the function is defined otherwise (IS NULL, COALESCE, AND/OR three-valued logic).
 * Errors in the data (division by zero, overflow, bad cast) raise a JunctionException naming the value.
 */
public interface Expression {
    JunctionType type();

    Vector evaluate(Batch batch);

    /**
     * The rows {@code positions[0..count)} of {@code batch} only: result row k belongs to batch row
     * {@code positions[k]}. The default gathers those rows first; expressions that can read through the
     * positions override it, so a filter followed by a projection need not copy the filtered columns.
     */
    default Vector evaluate(Batch batch, int[] positions, int count) {
        return evaluate(batch.gather(positions, count));
    }

    /** Whether {@link #evaluate(Batch, int[], int)} reads through the positions rather than gathering the batch. */
    default boolean readsThroughPositions() {
        return false;
    }

    /** SQL-like rendering for EXPLAIN, with column references as {@code $index}. */
    String describe();
}
