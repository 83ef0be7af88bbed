package io.junction.exec.operator;

import io.junction.exec.expr.CastExpression;
import io.junction.exec.vector.ValueComparison;
import io.junction.types.JunctionType;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

/**
 * MIN and MAX of any comparable type. The best value per group lives in a growing vector of the input type
 * (so strings, decimals and booleans need no special case); integer and temporal inputs take a loop over the
 * primitive arrays.
 */
final class MinMaxAccumulator implements Accumulator {
    private final boolean max;
    private final JunctionType resultType;
    private final Vector best;
    private boolean[] seen = new boolean[16];

    MinMaxAccumulator(boolean max, JunctionType inputType, JunctionType resultType) {
        this.max = max;
        this.resultType = resultType;
        this.best = Vector.create(inputType, 16);
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector input, int rowCount) {
        if (seen.length < groupCount) {
            seen = java.util.Arrays.copyOf(seen, Math.max(groupCount, seen.length * 2));
        }
        best.ensureCapacity(groupCount);
        boolean nulls = input.mayHaveNulls();
        if (input instanceof LongVector in && best instanceof LongVector state) {
            long[] x = in.values();
            long[] b = state.values();
            for (int i = 0; i < rowCount; i++) {
                if (nulls && input.isNull(i)) {
                    continue;
                }
                int g = groupIds[i];
                if (!seen[g] || (max ? x[i] > b[g] : x[i] < b[g])) {
                    b[g] = x[i];
                    seen[g] = true;
                }
            }
            return;
        }
        for (int i = 0; i < rowCount; i++) {
            if (nulls && input.isNull(i)) {
                continue;
            }
            int g = groupIds[i];
            if (!seen[g]) {
                best.copyRow(input, i, g);
                seen[g] = true;
            } else {
                int c = ValueComparison.compare(input, i, best, g);
                if (max ? c > 0 : c < 0) {
                    best.copyRow(input, i, g);
                }
            }
        }
    }

    @Override
    public Vector result(int groupCount) {
        best.ensureCapacity(groupCount);
        for (int g = 0; g < groupCount; g++) {
            if (g >= seen.length || !seen[g]) {
                best.setNull(g);
            }
        }
        return CastExpression.cast(best, groupCount, resultType);
    }
}
