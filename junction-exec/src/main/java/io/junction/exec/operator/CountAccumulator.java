package io.junction.exec.operator;

import io.junction.exec.expr.CastExpression;
import io.junction.types.JunctionType;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.util.Arrays;

/** COUNT(*) (input null: every row counts) and COUNT(x) (non-NULL values count). */
final class CountAccumulator implements Accumulator {
    private final JunctionType resultType;
    private long[] counts = new long[16];

    CountAccumulator(JunctionType resultType) {
        this.resultType = resultType;
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector input, int rowCount) {
        if (counts.length < groupCount) {
            counts = Arrays.copyOf(counts, Math.max(groupCount, counts.length * 2));
        }
        if (input == null || !input.mayHaveNulls()) {
            for (int i = 0; i < rowCount; i++) {
                counts[groupIds[i]]++;
            }
        } else {
            for (int i = 0; i < rowCount; i++) {
                if (!input.isNull(i)) {
                    counts[groupIds[i]]++;
                }
            }
        }
    }

    @Override
    public Vector result(int groupCount) {
        LongVector out = (LongVector) Vector.create(JunctionType.BIGINT, groupCount);
        long[] values = out.values();
        for (int g = 0; g < groupCount; g++) {
            values[g] = g < counts.length ? counts[g] : 0;
        }
        return CastExpression.cast(out, groupCount, resultType);
    }
}
