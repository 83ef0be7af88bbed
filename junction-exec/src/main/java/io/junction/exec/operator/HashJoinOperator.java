package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.exec.expr.Expression;
import io.junction.exec.vector.ChunkedRows;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.util.Arrays;
import java.util.List;

/**
 * Equi-join. Build: the whole right input is held in chunks and indexed by a {@link JoinHashTable}
 * (open addressing over the distinct keys, equal keys chained in input order, NULL keys left out). Probe:
 * each left batch's rows are looked up in one pass, giving each row's first matching build row; candidate
 * pairs are then read off those and the chains, without comparing keys again. Pair output, the residual
 * condition and outer rows are handled by {@link PairJoinOperator}. A build side over the query's memory
 * limit turns the join into a {@link GraceHashJoin}.
 */
public final class HashJoinOperator extends PairJoinOperator {
    private static final int NOT_STARTED = -2;

    private final int[] leftKeys;
    private final int[] rightKeys;
    private JoinHashTable table;

    private int probeRowCount;
    /** Per probe row, its first matching build row or {@link JoinHashTable#NONE}. */
    private int[] probeFirst = new int[0];
    private int probeRow;
    /** The next build row of the current probe row's chain, or NOT_STARTED. */
    private int chainEntry;

    public HashJoinOperator(Operator left, Operator right, int[] leftKeys, int[] rightKeys, JoinType type, Expression residual) {
        this(left, right, leftKeys, rightKeys, type, residual, ExecutionContext.standalone());
    }

    /** As above, with the query's memory budget, spill space and cancellation. */
    public HashJoinOperator(Operator left, Operator right, int[] leftKeys, int[] rightKeys, JoinType type, Expression residual,
                            ExecutionContext context) {
        this(left, right, leftKeys, rightKeys, type, residual, context, 0);
    }

    /** A join of one spilled partition; {@code spillLevel} says how often its rows were partitioned already. */
    HashJoinOperator(Operator left, Operator right, int[] leftKeys, int[] rightKeys, JoinType type, Expression residual,
                     ExecutionContext context, int spillLevel) {
        super(left, right, type, residual, context, spillLevel);
        if (leftKeys.length != rightKeys.length || leftKeys.length == 0) {
            throw new IllegalArgumentException("hash join needs matching, non-empty key lists");
        }
        this.leftKeys = copyOf(leftKeys);
        this.rightKeys = copyOf(rightKeys);
    }

    @Override
    ChunkedRows newBuildRows() {
        List<JunctionType> buildTypes = right.outputTypes();
        return new ChunkedRows(buildTypes, JoinHashTable.interleavedColumns(buildTypes, rightKeys, probeKeyTypes()));
    }

    @Override
    void prepareBuild() {
        table = new JoinHashTable(build, rightKeys, probeKeyTypes(), memory());
    }

    private List<JunctionType> probeKeyTypes() {
        return Arrays.stream(leftKeys).mapToObj(left.outputTypes()::get).toList();
    }

    @Override
    long tableBytesPerRow() {
        // 4-byte slots between 3/8 and 3/4 full (up to 11 bytes a row), and a 4-byte chain link once a key repeats
        return 11 + 4;
    }

    @Override
    boolean canSpillBuild() {
        return true;
    }

    @Override
    BatchStream spillBuild(ChunkedRows collected, Operator remainingBuild) {
        return new GraceHashJoin(left, collected, remainingBuild, leftKeys, rightKeys, type, condition(), context, spillLevel);
    }

    @Override
    void startProbe(Batch probeBatch) {
        probeRowCount = probeBatch.rowCount();
        if (probeFirst.length < probeRowCount) {
            probeFirst = new int[probeRowCount];
        }
        table.firstMatches(JoinHashTable.keyVectors(probeBatch.columns(), leftKeys), probeRowCount, probeFirst);
        probeRow = 0;
        chainEntry = NOT_STARTED;
    }

    @Override
    int nextCandidates(int[] probeRows, int[] buildRows, int max) {
        if (table.keysAreUnique() || firstMatchDecides()) {
            return nextFirstMatches(probeRows, buildRows, max);
        }
        boolean skipMarkedKeys = keyMatchMarksBuildRowsOnly();
        int count = 0;
        while (probeRow < probeRowCount && count < max) {
            int candidate = chainEntry == NOT_STARTED ? probeFirst[probeRow] : chainEntry;
            if (skipMarkedKeys && chainEntry == NOT_STARTED && candidate != JoinHashTable.NONE && buildRowMatched(candidate)) {
                // an earlier probe row of this key walked its whole chain already: walking it again marks nothing new
                probeRow++;
                continue;
            }
            while (candidate != JoinHashTable.NONE && count < max) {
                probeRows[count] = probeRow;
                buildRows[count] = candidate;
                count++;
                candidate = table.nextMatch(candidate);
            }
            if (candidate == JoinHashTable.NONE) {
                probeRow++;
                chainEntry = NOT_STARTED;
            } else {
                chainEntry = candidate;
            }
        }
        return count;
    }

    /**
     * Candidates when each probe row needs at most its first match: one pass, no chains. Every row is
     * written and only a match advances the count, since a branch on whether a row matched would be
     * mispredicted about as often as matches and misses alternate.
     */
    private int nextFirstMatches(int[] probeRows, int[] buildRows, int max) {
        int[] first = probeFirst;
        int count = 0;
        int row = probeRow;
        // probeRows and buildRows hold max entries; stop while a write at count is still in bounds
        for (; row < probeRowCount && count < max; row++) {
            int candidate = first[row];
            probeRows[count] = row;
            buildRows[count] = candidate;
            count += candidate != JoinHashTable.NONE ? 1 : 0;
        }
        probeRow = row;
        return count;
    }

    @Override
    public String describe() {
        return "HashJoin[" + type + ", keys=" + describeKeys(leftKeys, rightKeys, left.outputTypes().size()) + describeCondition() + "]";
    }
}
