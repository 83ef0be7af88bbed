package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.exec.expr.Expression;
import io.junction.exec.memory.MemoryReservation;
import io.junction.exec.memory.SizeEstimates;
import io.junction.exec.spill.SpillPartitioning;
import io.junction.exec.vector.ChunkedRows;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import io.junction.vector.BooleanVector;
import io.junction.vector.Vector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The part every join shares. The right (build) input is materialized first. Each left (probe) batch is
 * then turned into candidate pairs (probe row, build row) by the subclass, at most one output batch's worth
 * at a time so a probe batch with many matches never produces an oversized batch; the pairs are gathered
 * into a (left ++ right) batch and the join condition, if any, filters them. Matched flags per probe row and
 * per build row then yield the outer rows: unmatched probe rows when a probe batch is done (LEFT, FULL, ANTI,
 * and the matched ones for SEMI), unmatched build rows after the last probe batch (RIGHT, FULL, RIGHT_ANTI, and
 * the matched ones for RIGHT_SEMI).
 *
 * <p>The build rows are held in {@link ChunkedRows} and named by their int row id. Their memory is
 * reserved batch by batch as they are materialized, and the subclass's index once it is built. When the
 * rows plus the expected index would take the query over its spill threshold, a subclass that can spill
 * ({@link #spillBuild}) takes over the rest of the work from disk; otherwise the reservation grows until
 * the hard limit fails the query.
 */
abstract class PairJoinOperator implements Operator {
    static final int OUTPUT_SIZE = Batch.DEFAULT_SIZE;

    protected final Operator left;
    protected final Operator right;
    protected final JoinType type;
    protected final ExecutionContext context;
    /** How many times the rows reaching this join were already partitioned to disk (0 for a planned join). */
    protected final int spillLevel;
    private final Expression condition;
    private final List<JunctionType> outputTypes;
    private final int leftWidth;

    protected ChunkedRows build;
    /** Per build row, for RIGHT and FULL joins only. */
    private boolean[] buildMatched;
    private Batch probe;
    /** Per row of the current probe batch, for the joins that emit by it (LEFT, FULL, SEMI, ANTI) only. */
    private boolean[] probeMatched;
    private final Deque<Batch> pending = new ArrayDeque<>();
    private final int[] candidateProbe = new int[OUTPUT_SIZE];
    private final int[] candidateBuild = new int[OUTPUT_SIZE];
    private boolean probeExhausted;
    private boolean finished;
    private boolean closed;
    private MemoryReservation memory;
    private BatchStream spilled;

    PairJoinOperator(Operator left, Operator right, JoinType type, Expression condition, ExecutionContext context, int spillLevel) {
        this.left = left;
        this.right = right;
        this.type = type;
        this.condition = condition;
        this.context = context;
        this.spillLevel = spillLevel;
        this.leftWidth = left.outputTypes().size();
        List<JunctionType> out = new ArrayList<>();
        if (type.outputsProbeColumns()) {
            out.addAll(left.outputTypes());
        }
        if (type.outputsBuildColumns()) {
            out.addAll(right.outputTypes());
        }
        this.outputTypes = List.copyOf(out);
    }

    /** Called once the build side is materialized in {@link #build}. */
    abstract void prepareBuild();

    /** Called for each new probe batch before candidates are asked for. */
    abstract void startProbe(Batch probeBatch);

    /**
     * Fills up to {@code max} candidate pairs for the current probe batch, resuming where the last call
     * stopped; returns 0 when the probe batch has no more. Pairs must agree on join keys (if any) already.
     */
    abstract int nextCandidates(int[] probeRows, int[] buildRows, int max);

    /** The holder the build rows are collected in; the subclass picks how it lays them out. */
    ChunkedRows newBuildRows() {
        return new ChunkedRows(right.outputTypes());
    }

    /**
     * Heap bytes per build row the subclass's index will take (at most), for deciding to spill before it
     * is built; {@link #prepareBuild} reserves what it actually allocates.
     */
    long tableBytesPerRow() {
        return 0;
    }

    /** The reservation of the build side, which {@link #prepareBuild} grows by its index. */
    final MemoryReservation memory() {
        return memory;
    }

    /** Whether {@link #spillBuild} is implemented. */
    boolean canSpillBuild() {
        return false;
    }

    /**
     * Called when the build side no longer fits: {@code collected} holds the build rows read so far and
     * {@code remainingBuild} the rest. Returns the join's whole output, computed from disk.
     */
    BatchStream spillBuild(ChunkedRows collected, Operator remainingBuild) {
        throw new UnsupportedOperationException(describe() + " cannot spill");
    }

    final Expression condition() {
        return condition;
    }

    /**
     * True for RIGHT_SEMI/RIGHT_ANTI without a condition, where a key match only marks the build row: once a
     * build row is marked, so is every build row of its key (its candidates are all the rows of that key).
     */
    final boolean keyMatchMarksBuildRowsOnly() {
        return !type.outputsProbeColumns() && condition == null;
    }

    /** Whether a probe row matched build row {@code row} so far; for the joins that track build rows only. */
    final boolean buildRowMatched(int row) {
        return buildMatched[row];
    }

    /** True for SEMI/ANTI without a condition, where the first key match decides the probe row. */
    final boolean firstMatchDecides() {
        return (type == JoinType.SEMI || type == JoinType.ANTI) && condition == null;
    }

    @Override
    public final Batch next() {
        if (closed) {
            return null;
        }
        if (build == null && spilled == null) {
            materializeBuild();
        }
        if (spilled != null) {
            return spilled.next();
        }
        while (true) {
            if (!pending.isEmpty()) {
                return pending.poll();
            }
            if (finished) {
                memory.release();
                return null;
            }
            if (probe == null) {
                if (probeExhausted) {
                    finished = true;
                    emitBuildRowsByMatch();
                    left.close();
                    continue;
                }
                Batch batch = left.next();
                if (batch == null) {
                    probeExhausted = true;
                    continue;
                }
                probe = batch;
                if (tracksProbeMatches()) {
                    if (probeMatched == null || probeMatched.length < batch.rowCount()) {
                        probeMatched = new boolean[batch.rowCount()];
                    } else {
                        Arrays.fill(probeMatched, false);
                    }
                }
                startProbe(batch);
                continue;
            }
            int count = nextCandidates(candidateProbe, candidateBuild, OUTPUT_SIZE);
            if (count == 0) {
                finishProbeBatch();
                probe = null;
                continue;
            }
            joinCandidates(count);
        }
    }

    private void materializeBuild() {
        memory = context.memory().reservation(describeHolder());
        boolean maySpill = canSpillBuild() && context.canSpill() && spillLevel < SpillPartitioning.MAX_LEVEL;
        ChunkedRows rows = newBuildRows();
        long perRowAfterBuild = tableBytesPerRow() + (tracksBuildMatches() ? 1 : 0);
        Batch batch;
        while ((batch = right.next()) != null) {
            context.checkCancelled();
            long bytes = SizeEstimates.batchBytes(batch);
            long indexToCome = perRowAfterBuild * ((long) rows.rowCount() + batch.rowCount());
            if (maySpill && (memory.shouldSpillWith(bytes + indexToCome) || context.forceSpill() && spillLevel == 0)) {
                // this batch goes straight to disk with the rest
                rows.append(batch);
                spilled = spillBuild(rows, right);
                memory.release();
                return;
            }
            memory.grow(bytes);
            rows.append(batch);
        }
        right.close();
        build = rows;
        if (tracksBuildMatches()) {
            memory.grow(build.rowCount());
            buildMatched = new boolean[build.rowCount()];
        }
        prepareBuild();
    }

    private boolean tracksBuildMatches() {
        return type == JoinType.RIGHT || type == JoinType.FULL || type == JoinType.RIGHT_SEMI || type == JoinType.RIGHT_ANTI;
    }

    private boolean tracksProbeMatches() {
        return type == JoinType.LEFT || type == JoinType.FULL || type == JoinType.SEMI || type == JoinType.ANTI;
    }

    private void joinCandidates(int count) {
        boolean outputsPairs = type.outputsProbeColumns() && type.outputsBuildColumns();
        if (!outputsPairs && condition == null) {
            boolean[] matched = type.outputsProbeColumns() ? probeMatched : buildMatched;
            int[] rows = type.outputsProbeColumns() ? candidateProbe : candidateBuild;
            for (int k = 0; k < count; k++) {
                matched[rows[k]] = true;
            }
            return;
        }
        if (condition == null && probeMatched == null && buildMatched == null) {
            pending.add(pairBatch(candidateProbe, candidateBuild, count));
            return;
        }
        Batch pairs = pairBatch(candidateProbe, candidateBuild, count);
        int[] passing = null;
        int passed = count;
        if (condition != null) {
            BooleanVector result = (BooleanVector) condition.evaluate(pairs);
            boolean[] values = result.values();
            passing = new int[count];
            passed = 0;
            for (int k = 0; k < count; k++) {
                if (values[k] && !result.isNull(k)) {
                    passing[passed++] = k;
                }
            }
        }
        for (int p = 0; p < passed; p++) {
            int k = passing == null ? p : passing[p];
            if (probeMatched != null) {
                probeMatched[candidateProbe[k]] = true;
            }
            if (buildMatched != null) {
                buildMatched[candidateBuild[k]] = true;
            }
        }
        if (outputsPairs && passed > 0) {
            pending.add(passed == count ? pairs : pairs.gather(passing, passed));
        }
    }

    private Batch pairBatch(int[] probeRows, int[] buildRows, int count) {
        Vector[] buildColumns = build.gather(buildRows, count).columns();
        Vector[] columns = new Vector[leftWidth + buildColumns.length];
        for (int c = 0; c < leftWidth; c++) {
            columns[c] = probe.column(c).gather(probeRows, count);
        }
        System.arraycopy(buildColumns, 0, columns, leftWidth, buildColumns.length);
        return new Batch(columns, count);
    }

    private void finishProbeBatch() {
        boolean wantMatched = type == JoinType.SEMI;
        if (!tracksProbeMatches()) {
            return;
        }
        int n = probe.rowCount();
        int[] rows = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (probeMatched[i] == wantMatched) {
                rows[count++] = i;
            }
        }
        if (count == 0) {
            return;
        }
        Batch leftRows = count == n ? probe : probe.gather(rows, count);
        if (!type.outputsBuildColumns()) {
            pending.add(leftRows);
        } else {
            pending.add(withNullColumns(leftRows.columns(), right.outputTypes(), count, false));
        }
    }

    /**
     * After the last probe batch: the build rows no probe row matched (RIGHT and FULL, with NULLs for the probe
     * side's columns; RIGHT_ANTI), or those some probe row matched (RIGHT_SEMI).
     */
    private void emitBuildRowsByMatch() {
        if (!tracksBuildMatches()) {
            return;
        }
        boolean wantMatched = type == JoinType.RIGHT_SEMI;
        int[] rows = new int[OUTPUT_SIZE];
        int count = 0;
        for (int b = 0; b < buildMatched.length; b++) {
            if (buildMatched[b] == wantMatched) {
                rows[count++] = b;
                if (count == OUTPUT_SIZE) {
                    pending.add(buildRowsOut(rows, count));
                    rows = new int[OUTPUT_SIZE];
                    count = 0;
                }
            }
        }
        if (count > 0) {
            pending.add(buildRowsOut(rows, count));
        }
    }

    private Batch buildRowsOut(int[] rows, int count) {
        Batch buildRows = build.gather(rows, count);
        return type.outputsProbeColumns() ? withNullColumns(buildRows.columns(), left.outputTypes(), count, true) : buildRows;
    }

    /** {@code present} columns with all-NULL columns of {@code nullTypes} before (nullsFirst) or after them. */
    private static Batch withNullColumns(Vector[] present, List<JunctionType> nullTypes, int rowCount, boolean nullsFirst) {
        Vector[] nulls = new Vector[nullTypes.size()];
        for (int c = 0; c < nulls.length; c++) {
            nulls[c] = Vector.create(nullTypes.get(c), rowCount);
            for (int i = 0; i < rowCount; i++) {
                nulls[c].setNull(i);
            }
        }
        Vector[] columns = new Vector[present.length + nulls.length];
        System.arraycopy(nullsFirst ? nulls : present, 0, columns, 0, nullsFirst ? nulls.length : present.length);
        System.arraycopy(nullsFirst ? present : nulls, 0, columns, nullsFirst ? nulls.length : present.length,
                nullsFirst ? present.length : nulls.length);
        return new Batch(columns, rowCount);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            pending.clear();
            build = null;
            probe = null;
            try {
                if (spilled != null) {
                    spilled.close();
                }
            } finally {
                if (memory != null) {
                    memory.release();
                }
                left.close();
                right.close();
            }
        }
    }

    @Override
    public final List<JunctionType> outputTypes() {
        return outputTypes;
    }

    @Override
    public final List<Operator> inputs() {
        return List.of(left, right);
    }

    private String describeHolder() {
        String description = describe();
        int bracket = description.indexOf('[');
        return (bracket < 0 ? description : description.substring(0, bracket)) + " build side";
    }

    final String describeCondition() {
        return condition == null ? "" : ", condition=" + condition.describe();
    }

    static String describeKeys(int[] leftKeys, int[] rightKeys, int leftWidth) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < leftKeys.length; k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(leftKeys[k]).append('=').append(leftWidth + rightKeys[k]);
        }
        return sb.append(']').toString();
    }

    static int[] copyOf(int[] keys) {
        return Arrays.copyOf(keys, keys.length);
    }
}
