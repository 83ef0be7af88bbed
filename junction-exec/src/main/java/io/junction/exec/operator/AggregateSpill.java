package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.exec.spill.PartitionedSpillWriter;
import io.junction.exec.spill.SpillFile;
import io.junction.exec.spill.SpillPartitioning;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.List;

/**
 * The disk side of a hash aggregation that went over its memory limit (hybrid hash aggregation, as
 * PostgreSQL does it). From the moment it starts, the groups already in the table stay in memory and keep
 * absorbing their rows, while rows of every other key are written, as they are, to
 * {@link SpillPartitioning#PARTITIONS} files by key hash. Each key's rows therefore end up either all in
 * memory or all in one partition, so no partial state ever needs merging and every accumulator works
 * unchanged. After the in-memory groups are emitted, each partition is aggregated on its own by a fresh
 * {@link HashAggregateOperator} one level down, which may spill again with other hash bits.
 */
final class AggregateSpill extends SpilledPartitions {
    private final List<JunctionType> inputTypes;
    private final int[] groupColumns;
    private final List<AggregateCall> calls;
    private final ExecutionContext context;
    private final int level;
    private final PartitionedSpillWriter writer;
    private List<SpillFile> files;

    AggregateSpill(List<JunctionType> inputTypes, int[] groupColumns, List<AggregateCall> calls, ExecutionContext context, int level) {
        super(context, SpillPartitioning.PARTITIONS);
        this.inputTypes = inputTypes;
        this.groupColumns = groupColumns;
        this.calls = calls;
        this.context = context;
        this.level = level;
        this.writer = new PartitionedSpillWriter(context.spillSpace(), inputTypes, "aggregate-" + level);
    }

    /** Writes the rows of keys {@code table} does not hold to disk; returns the other rows, or null if none. */
    Batch keepKnownGroups(Batch batch, GroupKeyTable table) {
        int n = batch.rowCount();
        Vector[] keys = new Vector[groupColumns.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.column(groupColumns[k]);
        }
        int[] hashes = GroupKeyTable.hashRows(keys, n);
        Batch keyBatch = new Batch(keys, n);
        int[] partitions = new int[n];
        int[] known = new int[n];
        int knownCount = 0;
        for (int i = 0; i < n; i++) {
            if (table.find(keyBatch, i, hashes[i]) >= 0) {
                partitions[i] = -1;
                known[knownCount++] = i;
            } else {
                partitions[i] = SpillPartitioning.partition(hashes[i], level);
            }
        }
        if (knownCount < n) {
            writer.write(batch, partitions);
        }
        if (knownCount == 0) {
            return null;
        }
        return knownCount == n ? batch : batch.gather(known, knownCount);
    }

    /** The input has ended: the partitions are complete. */
    void finishInput() {
        files = writer.finish();
    }

    /** Each spilled partition's groups come from a fresh aggregation of it. */
    @Override
    Operator openPartition(int partition) {
        SpillFile file = files.get(partition);
        return file == null ? null : new HashAggregateOperator(new SpillScanOperator(inputTypes, file), groupColumns, calls, context, level + 1);
    }

    @Override
    void deleteFiles() {
        try {
            writer.close();
        } finally {
            SpillFile.deleteAll(files);
        }
    }
}
