package io.junction.exec.spill;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one query's temporary files live: a directory of its own under the spill directory, created at
 * the first file. Operators delete their files as soon as they are read or the operator closes;
 * {@link #close} (at the end of the query, also after an error or a cancellation) deletes whatever is
 * left and the query's directory, so nothing outlives the query.
 */
public final class SpillSpace implements AutoCloseable {
    private static final AtomicLong QUERIES = new AtomicLong();

    private final Path base;
    private final Set<SpillFile> live = new LinkedHashSet<>();
    private Path directory;
    private long created;
    private long bytesWritten;
    private boolean closed;

    /** Files go under {@code base} (created if missing), in a directory for this query. */
    public SpillSpace(Path base) {
        this.base = base;
    }

    /** {@code java.io.tmpdir}/junction-spill-&lt;pid&gt;: one directory per process, so concurrent processes never collide. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "junction-spill-" + ProcessHandle.current().pid());
    }

    public Path base() {
        return base;
    }

    /** A new, empty file for batches of {@code types}; {@code purpose} shows in its name for debugging. */
    public synchronized SpillFileWriter create(List<JunctionType> types, String purpose) {
        if (closed) {
            throw new IllegalStateException("spill space closed");
        }
        Path path;
        try {
            if (directory == null) {
                Files.createDirectories(base);
                directory = Files.createTempDirectory(base, "query-" + QUERIES.incrementAndGet() + "-");
            }
            path = directory.resolve(purpose + "-" + (++created) + ".spill");
        } catch (IOException e) {
            throw cannotSpill(e);
        }
        SpillFile file = new SpillFile(this, path, types);
        live.add(file);
        return new SpillFileWriter(file);
    }

    synchronized void forget(SpillFile file, long bytes) {
        live.remove(file);
        bytesWritten += bytes;
    }

    /** Files created so far, and bytes written to the ones already deleted. */
    public synchronized long filesCreated() {
        return created;
    }

    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    /** Deletes every file still present and the query's directory. Idempotent. */
    @Override
    public void close() {
        List<SpillFile> left;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            left = List.copyOf(live);
        }
        for (SpillFile f : left) {
            f.delete();
        }
        synchronized (this) {
            if (directory != null) {
                try {
                    Files.deleteIfExists(directory);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete spill directory " + directory, e);
                }
            }
        }
    }

    static JunctionException cannotSpill(IOException e) {
        return new JunctionException(ErrorCode.OUT_OF_MEMORY, "the query needed to spill to disk but could not ("
                + e.getMessage() + "); check the spill directory setting and free disk space", e);
    }
}
