package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.exec.expr.Expression;
import io.junction.exec.vector.ValueComparison;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import io.junction.vector.Vector;

import java.util.Arrays;

/**
 * Equi-join. Build: the whole right input is stored columnar and its rows are chained by key hash in two
 * int arrays ({@code head[hash & mask]} = first row, {@code next[row]} = following row); rows with a NULL
 * key are left out of the table because NULL never equals anything. Probe: each left batch's key hashes
 * are computed in one pass, then each row walks its chain comparing hashes and keys column by column on the
 * primitive arrays. Pair output, the residual condition and outer rows are handled by {@link PairJoinOperator}.
 * A build side over the query's memory limit turns the join into a {@link GraceHashJoin}.
 */
public final class HashJoinOperator extends PairJoinOperator {
    private static final int END = -1;
    private static final int NOT_STARTED = -2;

    private final int[] leftKeys;
    private final int[] rightKeys;
    private int[] head;
    private int[] next;
    private int[] buildHashes;
    private Vector[] buildKeys;
    private int mask;

    private Vector[] probeKeys;
    private int[] probeHashes;
    private boolean[] probeNullKey;
    private int[] probeFirst;
    private int probeRow;
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
    void prepareBuild() {
        int n = build.rowCount();
        buildKeys = keyColumns(build, rightKeys);
        buildHashes = GroupKeyTable.hashRows(buildKeys, n);
        boolean[] nullKey = nullKeys(buildKeys, n);
        int size = Integer.highestOneBit(Math.max(16, n) * 2 - 1) << 1;
        head = new int[size];
        Arrays.fill(head, END);
        next = new int[n];
        mask = size - 1;
        // inserting backwards leaves each chain in input order
        for (int row = n - 1; row >= 0; row--) {
            if (nullKey[row]) {
                continue;
            }
            int bucket = bucket(buildHashes[row]);
            next[row] = head[bucket];
            head[bucket] = row;
        }
    }

    @Override
    long tableBytesPerRow() {
        // next and hash per row, and a head array of up to four slots per row
        return 4 + 4 + 16;
    }

    @Override
    boolean canSpillBuild() {
        return true;
    }

    @Override
    BatchStream spillBuild(Batch collected, Operator remainingBuild) {
        return new GraceHashJoin(left, collected, remainingBuild, leftKeys, rightKeys, type, condition(), context, spillLevel);
    }

    private int bucket(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
    }

    private static Vector[] keyColumns(Batch batch, int[] keys) {
        Vector[] columns = new Vector[keys.length];
        for (int k = 0; k < keys.length; k++) {
            columns[k] = batch.column(keys[k]);
        }
        return columns;
    }

    private static boolean[] nullKeys(Vector[] keys, int n) {
        boolean[] nullKey = new boolean[n];
        for (Vector key : keys) {
            if (key.mayHaveNulls()) {
                for (int i = 0; i < n; i++) {
                    nullKey[i] |= key.isNull(i);
                }
            }
        }
        return nullKey;
    }

    @Override
    void startProbe(Batch probeBatch) {
        int n = probeBatch.rowCount();
        probeKeys = keyColumns(probeBatch, leftKeys);
        probeHashes = GroupKeyTable.hashRows(probeKeys, n);
        probeNullKey = nullKeys(probeKeys, n);
        // all chain heads first, in a loop of independent loads, so the cache misses overlap
        probeFirst = new int[n];
        for (int i = 0; i < n; i++) {
            probeFirst[i] = probeNullKey[i] ? END : head[bucket(probeHashes[i])];
        }
        probeRow = 0;
        chainEntry = NOT_STARTED;
    }

    @Override
    int nextCandidates(int[] probeRows, int[] buildRows, int max) {
        int n = probeHashes.length;
        boolean firstMatchDecides = firstMatchDecides();
        int count = 0;
        while (probeRow < n && count < max) {
            if (chainEntry == NOT_STARTED) {
                chainEntry = probeFirst[probeRow];
            }
            int hash = probeHashes[probeRow];
            while (chainEntry != END && count < max) {
                int candidate = chainEntry;
                chainEntry = next[candidate];
                if (buildHashes[candidate] == hash && keysEqual(probeRow, candidate)) {
                    probeRows[count] = probeRow;
                    buildRows[count] = candidate;
                    count++;
                    if (firstMatchDecides) {
                        chainEntry = END;
                    }
                }
            }
            if (chainEntry == END) {
                probeRow++;
                chainEntry = NOT_STARTED;
            }
        }
        return count;
    }

    private boolean keysEqual(int probe, int candidate) {
        for (int k = 0; k < probeKeys.length; k++) {
            if (!ValueComparison.equal(probeKeys[k], probe, buildKeys[k], candidate)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return "HashJoin[" + type + ", keys=" + describeKeys(leftKeys, rightKeys, left.outputTypes().size()) + describeCondition() + "]";
    }
}
