package io.junction.exec.operator;

import io.junction.exec.expr.CastExpression;
import io.junction.types.JunctionType;
import io.junction.vector.DoubleVector;
import io.junction.vector.Vector;

import java.util.Arrays;

/** SUM and AVG of REAL/DOUBLE values, in double arithmetic. */
final class DoubleSumAccumulator implements Accumulator {
    private final boolean average;
    private final JunctionType resultType;
    private double[] sums = new double[16];
    private long[] counts = new long[16];

    DoubleSumAccumulator(boolean average, JunctionType resultType) {
        this.average = average;
        this.resultType = resultType;
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector input, int rowCount) {
        if (sums.length < groupCount) {
            int size = Math.max(groupCount, sums.length * 2);
            sums = Arrays.copyOf(sums, size);
            counts = Arrays.copyOf(counts, size);
        }
        double[] x = ((DoubleVector) input).values();
        boolean nulls = input.mayHaveNulls();
        for (int i = 0; i < rowCount; i++) {
            if (nulls && input.isNull(i)) {
                continue;
            }
            int g = groupIds[i];
            sums[g] += x[i];
            counts[g]++;
        }
    }

    @Override
    public Vector result(int groupCount) {
        DoubleVector out = (DoubleVector) Vector.create(JunctionType.DOUBLE, groupCount);
        for (int g = 0; g < groupCount; g++) {
            long c = g < counts.length ? counts[g] : 0;
            if (c == 0) {
                out.setNull(g);
            } else {
                out.set(g, average ? sums[g] / c : sums[g]);
            }
        }
        return CastExpression.cast(out, groupCount, resultType);
    }
}
