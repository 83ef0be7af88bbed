package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.exec.expr.Expression;
import io.junction.exec.spill.PartitionedSpillWriter;
import io.junction.exec.spill.SpillFile;
import io.junction.exec.spill.SpillPartitioning;
import io.junction.exec.vector.ChunkedRows;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.List;

/**
 * A hash join whose build side did not fit in memory (grace hash join).
 *
 * <ol>
 *   <li>The build rows read so far and the rest of the build input are written to
 *       {@link SpillPartitioning#PARTITIONS} files by key hash; then the whole probe input likewise.</li>
 *   <li>Rows with equal keys land in the same partition on both sides, so each partition pair is joined on
 *       its own by a fresh {@link HashJoinOperator}, and the outputs are concatenated. This holds for every
 *       join type: a row's matches, and so whether it is unmatched, are all in its partition. NULL keys
 *       (which never match) go wherever their hash sends them and come out as unmatched rows there.</li>
 *   <li>A partition whose build side is still too large spills again one level down, using other hash bits;
 *       after {@link SpillPartitioning#MAX_LEVEL} levels (heavy skew: one key with very many rows) it is
 *       held in memory, bounded by the hard limit.</li>
 * </ol>
 * When the build partition is empty, joins that drop unmatched probe rows
 * ({@link JoinType#keepsUnmatchedProbeRows}) skip its probe rows while writing them.
 */
final class GraceHashJoin extends SpilledPartitions {
    private final List<JunctionType> probeTypes;
    private final List<JunctionType> buildTypes;
    private final int[] probeKeys;
    private final int[] buildKeys;
    private final JoinType type;
    private final Expression condition;
    private final ExecutionContext context;
    private final int level;
    private final List<SpillFile> buildFiles;
    private final List<SpillFile> probeFiles;

    GraceHashJoin(Operator probe, ChunkedRows collectedBuild, Operator remainingBuild, int[] probeKeys, int[] buildKeys,
                  JoinType type, Expression condition, ExecutionContext context, int level) {
        super(context, SpillPartitioning.PARTITIONS);
        this.probeTypes = probe.outputTypes();
        this.buildTypes = remainingBuild.outputTypes();
        this.probeKeys = probeKeys;
        this.buildKeys = buildKeys;
        this.type = type;
        this.condition = condition;
        this.context = context;
        this.level = level;
        try (PartitionedSpillWriter build = new PartitionedSpillWriter(context.spillSpace(), buildTypes, "join-build-" + level)) {
            for (int chunk = 0; chunk < collectedBuild.chunkCount(); chunk++) {
                write(build, collectedBuild.chunk(chunk), buildKeys, null);
            }
            Batch batch;
            while ((batch = remainingBuild.next()) != null) {
                context.checkCancelled();
                write(build, batch, buildKeys, null);
            }
            remainingBuild.close();
            this.buildFiles = build.finish();
        }
        try (PartitionedSpillWriter probed = new PartitionedSpillWriter(context.spillSpace(), probeTypes, "join-probe-" + level)) {
            Batch batch;
            while ((batch = probe.next()) != null) {
                context.checkCancelled();
                write(probed, batch, probeKeys, type.keepsUnmatchedProbeRows() ? null : buildFiles);
            }
            probe.close();
            this.probeFiles = probed.finish();
        } catch (RuntimeException e) {
            SpillFile.deleteAll(buildFiles);
            throw e;
        }
    }

    /** Writes each row to its key's partition; with {@code skipWhenEmpty}, drops rows whose build partition is empty. */
    private void write(PartitionedSpillWriter writer, Batch batch, int[] keys, List<SpillFile> skipWhenEmpty) {
        int n = batch.rowCount();
        if (n == 0) {
            return;
        }
        Vector[] keyColumns = new Vector[keys.length];
        for (int k = 0; k < keys.length; k++) {
            keyColumns[k] = batch.column(keys[k]);
        }
        int[] partitions = SpillPartitioning.partitions(GroupKeyTable.hashRows(keyColumns, n), n, level);
        if (skipWhenEmpty != null) {
            for (int i = 0; i < n; i++) {
                if (skipWhenEmpty.get(partitions[i]) == null) {
                    partitions[i] = -1;
                }
            }
        }
        writer.write(batch, partitions);
    }

    /** Each partition pair is joined by a fresh hash join; a pair with no rows on either side is skipped. */
    @Override
    Operator openPartition(int partition) {
        SpillFile build = buildFiles.get(partition);
        SpillFile probe = probeFiles.get(partition);
        if (build == null && probe == null) {
            return null;
        }
        return new HashJoinOperator(new SpillScanOperator(probeTypes, probe), new SpillScanOperator(buildTypes, build),
                probeKeys, buildKeys, type, condition, context, level + 1);
    }

    @Override
    void deleteFiles() {
        try {
            SpillFile.deleteAll(buildFiles);
        } finally {
            SpillFile.deleteAll(probeFiles);
        }
    }
}
