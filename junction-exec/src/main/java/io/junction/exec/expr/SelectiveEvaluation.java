package io.junction.exec.expr;

import io.junction.vector.Batch;
import io.junction.vector.Vector;

/**
 * Evaluates an expression on some rows of a batch only. CASE branches, COALESCE fallbacks and the later
 * operands of AND/OR must not run on rows that do not reach them, or {@code CASE WHEN x <> 0 THEN 1 / x END}
 * would raise division by zero for the rows it guards.
 */
final class SelectiveEvaluation {
    private SelectiveEvaluation() {
    }

    /** Result vector whose row k belongs to batch row {@code positions[k]}. */
    static Vector evaluate(Expression expression, Batch batch, int[] positions, int count) {
        if (count == batch.rowCount() && isIdentity(positions, count)) {
            return expression.evaluate(batch);
        }
        return expression.evaluate(batch.gather(positions, count));
    }

    private static boolean isIdentity(int[] positions, int count) {
        return count == 0 || positions[count - 1] == count - 1;
    }
}
