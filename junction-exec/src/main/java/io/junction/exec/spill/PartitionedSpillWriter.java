package io.junction.exec.spill;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes rows to {@link SpillPartitioning#PARTITIONS} spill files by partition number. Each call writes
 * every partition's rows of the batch straight through, so nothing is buffered beyond the file streams.
 */
public final class PartitionedSpillWriter implements AutoCloseable {
    private final SpillSpace space;
    private final List<JunctionType> types;
    private final String purpose;
    private final SpillFileWriter[] writers = new SpillFileWriter[SpillPartitioning.PARTITIONS];
    private boolean finished;

    public PartitionedSpillWriter(SpillSpace space, List<JunctionType> types, String purpose) {
        this.space = space;
        this.types = List.copyOf(types);
        this.purpose = purpose;
    }

    /** Writes row i of {@code batch} to partition {@code partitions[i]}, skipping rows whose partition is -1. */
    public void write(Batch batch, int[] partitions) {
        int n = batch.rowCount();
        int[] counts = new int[SpillPartitioning.PARTITIONS];
        for (int i = 0; i < n; i++) {
            if (partitions[i] >= 0) {
                counts[partitions[i]]++;
            }
        }
        int[][] rows = new int[SpillPartitioning.PARTITIONS][];
        for (int p = 0; p < rows.length; p++) {
            if (counts[p] > 0) {
                rows[p] = new int[counts[p]];
                counts[p] = 0;
            }
        }
        for (int i = 0; i < n; i++) {
            int p = partitions[i];
            if (p >= 0) {
                rows[p][counts[p]++] = i;
            }
        }
        for (int p = 0; p < rows.length; p++) {
            if (rows[p] == null) {
                continue;
            }
            if (writers[p] == null) {
                writers[p] = space.create(types, purpose + "-p" + p);
            }
            writers[p].write(rows[p].length == n ? batch : batch.gather(rows[p], rows[p].length));
        }
    }

    /** The partitions' files, {@code null} where a partition received no rows. */
    public List<SpillFile> finish() {
        finished = true;
        List<SpillFile> files = new ArrayList<>();
        for (SpillFileWriter w : writers) {
            files.add(w == null ? null : w.finish());
        }
        return files;
    }

    /** Deletes the files unless {@link #finish} handed them over. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            for (SpillFileWriter w : writers) {
                if (w != null) {
                    w.abandon();
                }
            }
        }
    }
}
