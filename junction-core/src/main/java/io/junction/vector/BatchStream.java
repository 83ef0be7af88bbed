package io.junction.vector;

/**
 * A pull-based stream of batches, as produced by a source scan or an operator.
 * {@link #next()} returns {@code null} at the end; {@link #close()} may be called at any time
 * (also before the end) and must release connections, files and memory promptly.
 */
public interface BatchStream extends AutoCloseable {
    /** The next non-empty batch, or {@code null} when there are no more rows. */
    Batch next();

    @Override
    void close();
}
