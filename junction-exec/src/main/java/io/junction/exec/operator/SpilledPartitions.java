package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

/**
 * The second phase of an operator that spilled to disk: its partitions are processed one after another,
 * each by a fresh operator one spill level down, and their outputs concatenated. Subclasses say how a
 * partition is opened and which files to delete when the stream closes (at its end, on error or cancel).
 */
abstract class SpilledPartitions implements BatchStream {
    private final ExecutionContext context;
    private final int partitions;
    private int partition = -1;
    private Operator current;
    private boolean closed;

    SpilledPartitions(ExecutionContext context, int partitions) {
        this.context = context;
        this.partitions = partitions;
    }

    /** The operator for one partition, or {@code null} when the partition has nothing to process. */
    abstract Operator openPartition(int partition);

    /** Deletes the spill files; called once, when the stream closes. */
    abstract void deleteFiles();

    @Override
    public final Batch next() {
        while (!closed) {
            if (current != null) {
                Batch batch = current.next();
                if (batch != null) {
                    return batch;
                }
                current.close();
                current = null;
            }
            context.checkCancelled();
            if (++partition >= partitions) {
                close();
                return null;
            }
            current = openPartition(partition);
        }
        return null;
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (current != null) {
                current.close();
                current = null;
            }
        } finally {
            deleteFiles();
        }
    }
}
