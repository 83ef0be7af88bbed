package io.junction.exec.operator;

import io.junction.vector.Batch;

/**
 * A result an operator computed whole (an aggregate's groups, a sorted top-N, a window's rows), handed out
 * in batches of at most {@link Batch#DEFAULT_SIZE} rows so that downstream operators see batches of the usual size.
 */
final class BatchSlices {
    private final Batch whole;
    private int emitted;

    BatchSlices(Batch whole) {
        this.whole = whole;
    }

    /** The next slice, or {@code null} once every row has been handed out. */
    Batch next() {
        if (emitted >= whole.rowCount()) {
            return null;
        }
        int n = Math.min(Batch.DEFAULT_SIZE, whole.rowCount() - emitted);
        Batch out = n == whole.rowCount() ? whole : LimitOperator.slice(whole, emitted, emitted + n);
        emitted += n;
        return out;
    }
}
