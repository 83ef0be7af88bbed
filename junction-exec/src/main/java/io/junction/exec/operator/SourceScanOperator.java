package io.junction.exec.operator;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a source's stream. The stream is opened at the first {@link #next()} (so building a plan never
 * touches a source) and closed as soon as it ends or the operator is closed.
 */
public final class SourceScanOperator implements Operator {
    private final List<JunctionType> types;
    private final String description;
    private final Supplier<BatchStream> opener;
    private BatchStream stream;
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
            stream = opener.get();
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

    @Override
    public void close() {
        done = true;
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
