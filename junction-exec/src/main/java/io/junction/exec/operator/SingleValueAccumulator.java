package io.junction.exec.operator;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.expr.CastExpression;
import io.junction.types.JunctionType;
import io.junction.vector.Vector;

import java.util.Arrays;

/**
 * SINGLE_VALUE: the value of a scalar subquery, which must produce at most one row per group. A group's
 * only row gives the value (NULL included); a second row is a CARDINALITY_VIOLATION, as in PostgreSQL.
 */
final class SingleValueAccumulator implements Accumulator {
    private final JunctionType resultType;
    private final Vector values;
    private boolean[] seen = new boolean[16];

    SingleValueAccumulator(JunctionType inputType, JunctionType resultType) {
        this.resultType = resultType;
        this.values = Vector.create(inputType, 16);
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector input, int rowCount) {
        if (seen.length < groupCount) {
            seen = Arrays.copyOf(seen, Math.max(groupCount, seen.length * 2));
        }
        values.ensureCapacity(groupCount);
        for (int i = 0; i < rowCount; i++) {
            int g = groupIds[i];
            if (seen[g]) {
                throw new JunctionException(ErrorCode.CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression");
            }
            seen[g] = true;
            values.copyRow(input, i, g);
        }
    }

    @Override
    public Vector result(int groupCount) {
        values.ensureCapacity(groupCount);
        for (int g = 0; g < groupCount; g++) {
            if (g >= seen.length || !seen[g]) {
                values.setNull(g);
            }
        }
        return CastExpression.cast(values, groupCount, resultType);
    }
}
