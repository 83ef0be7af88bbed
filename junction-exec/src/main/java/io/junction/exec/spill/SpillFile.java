package io.junction.exec.spill;

import io.junction.types.JunctionType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A temporary file of batches in the spill format (see {@link SpillFileWriter}). Written once, then read
 * any number of times, then deleted; deletion is idempotent and also done by the owning
 * {@link SpillSpace} when the query ends.
 */
public final class SpillFile {
    private final SpillSpace space;
    private final Path path;
    private final List<JunctionType> types;
    private long rowCount;
    private int batchCount;
    private long bytes;
    private boolean deleted;

    SpillFile(SpillSpace space, Path path, List<JunctionType> types) {
        this.space = space;
        this.path = path;
        this.types = List.copyOf(types);
    }

    public Path path() {
        return path;
    }

    public List<JunctionType> types() {
        return types;
    }

    public long rowCount() {
        return rowCount;
    }

    int batchCount() {
        return batchCount;
    }

    public long bytes() {
        return bytes;
    }

    void written(int batches, long rows, long size) {
        this.batchCount = batches;
        this.rowCount = rows;
        this.bytes = size;
    }

    /** Reads the batches back, in the order they were written. */
    public SpillFileReader open() {
        if (deleted) {
            throw new IllegalStateException("spill file " + path + " was deleted");
        }
        return new SpillFileReader(this);
    }

    /** Deletes every file of a partition list; empty partitions are {@code null} entries. */
    public static void deleteAll(java.util.List<SpillFile> files) {
        if (files == null) {
            return;
        }
        for (SpillFile f : new java.util.ArrayList<>(files)) {
            if (f != null) {
                f.delete();
            }
        }
    }

    public void delete() {
        synchronized (this) {
            if (deleted) {
                return;
            }
            deleted = true;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the query's directory is removed at its end; a file that cannot be deleted now is retried there
            return;
        }
        space.forget(this, bytes);
    }
}
