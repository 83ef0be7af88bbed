package io.junction.exec.operator;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.util.List;

/**
 * COUNT(DISTINCT x), SUM(DISTINCT x), ...: a table of (group id, value) pairs seen so far passes each pair on
 * to the wrapped accumulator only the first time it appears. NULL values are dropped, as every aggregate
 * ignores them.
 */
final class DistinctAccumulator implements Accumulator {
    private final Accumulator inner;
    private final GroupKeyTable seen;

    DistinctAccumulator(Accumulator inner, JunctionType inputType) {
        this.inner = inner;
        this.seen = new GroupKeyTable(List.of(JunctionType.BIGINT, inputType));
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector input, int rowCount) {
        LongVector groups = (LongVector) Vector.create(JunctionType.BIGINT, rowCount);
        long[] g = groups.values();
        for (int i = 0; i < rowCount; i++) {
            g[i] = groupIds[i];
        }
        Vector[] pair = {groups, input};
        int[] hashes = GroupKeyTable.hashRows(pair, rowCount);
        Batch pairs = new Batch(pair, rowCount);
        int[] fresh = new int[rowCount];
        int[] freshGroups = new int[rowCount];
        int count = 0;
        for (int i = 0; i < rowCount; i++) {
            if (input.isNull(i)) {
                continue;
            }
            int before = seen.groupCount();
            if (seen.findOrInsert(pairs, i, hashes[i]) == before) {
                fresh[count] = i;
                freshGroups[count] = groupIds[i];
                count++;
            }
        }
        if (count > 0) {
            inner.add(freshGroups, groupCount, input.gather(fresh, count), count);
        }
    }

    @Override
    public long estimatedBytes(int groupCount) {
        return seen.estimatedBytes() + inner.estimatedBytes(groupCount);
    }

    @Override
    public Vector result(int groupCount) {
        return inner.result(groupCount);
    }
}
