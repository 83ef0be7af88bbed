package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BooleanVector;
import io.junction.vector.Vector;

/** IS NULL / IS NOT NULL; never NULL itself. */
public final class NullTestExpression implements Expression {
    private final Expression operand;
    private final boolean negated;

    public NullTestExpression(Expression operand, boolean negated) {
        this.operand = operand;
        this.negated = negated;
    }

    @Override
    public JunctionType type() {
        return JunctionType.BOOLEAN;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        Vector in = operand.evaluate(batch);
        BooleanVector out = (BooleanVector) Vector.create(JunctionType.BOOLEAN, n);
        boolean[] result = out.values();
        if (in.mayHaveNulls()) {
            for (int i = 0; i < n; i++) {
                result[i] = in.isNull(i) != negated;
            }
        } else if (negated) {
            java.util.Arrays.fill(result, 0, n, true);
        }
        return out;
    }

    @Override
    public String describe() {
        return "(" + operand.describe() + (negated ? " IS NOT NULL)" : " IS NULL)");
    }
}
