package io.junction.exec.operator;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Reads a source's stream. The stream is opened at the first {@link #next()} (so building a plan never
 * touches a source), or earlier on another thread when the query starts it early ({@link #startEarly}), and
 * closed as soon as it ends or the operator is closed.
 */
public final class SourceScanOperator implements Operator {
    private final List<JunctionType> types;
    private final String description;
    private final Supplier<BatchStream> opener;
    private BatchStream stream;
    /** The stream being opened on another thread, until {@link #next()} takes it. */
    private CompletableFuture<BatchStream> opening;
    private boolean done;

    public SourceScanOperator(List<JunctionType> types, String description, Supplier<BatchStream> opener) {
        this.types = List.copyOf(types);
        this.description = description;
        this.opener = opener;
    }

    @Override
    public Batch next() {
        if (done) {
            return null;
        }
        if (stream == null) {
            stream = opening == null ? opener.get() : take(opening);
            opening = null;
        }
        Batch batch;
        do {
            batch = stream.next();
        } while (batch != null && batch.rowCount() == 0);
        if (batch == null) {
            close();
        }
        return batch;
    }

    /**
     * Sends the statement to its source now, on {@code executor}, instead of at the first {@link #next()}: the
     * source then works while the query's thread is busy elsewhere (building a join's other side), and the rows
     * wait in the connection until read. Does nothing once the stream is open or the operator closed.
     */
    public void startEarly(Executor executor) {
        if (!done && stream == null && opening == null) {
            opening = CompletableFuture.supplyAsync(opener, executor);
        }
    }

    /** Whether the operator was closed (a scan the plan replaced is closed before the query starts). */
    public boolean isClosed() {
        return done;
    }

    /** The stream opened on another thread, or the exception that opening threw, as thrown on this thread. */
    private static BatchStream take(CompletableFuture<BatchStream> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw OtherThreadFailure.rethrown(e.getCause());
        }
    }

    @Override
    public void close() {
        done = true;
        if (opening != null) {
            // opened, or still opening, on another thread and never read: close it once it is there
            opening.thenAccept(BatchStream::close);
            opening = null;
        }
        if (stream != null) {
            BatchStream s = stream;
            stream = null;
            s.close();
        }
    }

    @Override
    public List<JunctionType> outputTypes() {
        return types;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }
}
