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

    /** SQL-like rendering for EXPLAIN, with column references as {@code $index}. */
    String describe();
}
