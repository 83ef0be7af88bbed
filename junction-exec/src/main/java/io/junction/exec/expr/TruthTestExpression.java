package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BooleanVector;
import io.junction.vector.Vector;

/** IS [NOT] TRUE / IS [NOT] FALSE: like = TRUE / = FALSE but NULL counts as "neither", so never NULL. */
public final class TruthTestExpression implements Expression {
    private final ScalarFunction test;
    private final Expression operand;

    public TruthTestExpression(ScalarFunction test, Expression operand) {
        this.test = test;
        this.operand = operand;
    }

    @Override
    public JunctionType type() {
        return JunctionType.BOOLEAN;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        BooleanVector in = (BooleanVector) operand.evaluate(batch);
        boolean wanted = test == ScalarFunction.IS_TRUE || test == ScalarFunction.IS_NOT_TRUE;
        boolean negated = test == ScalarFunction.IS_NOT_TRUE || test == ScalarFunction.IS_NOT_FALSE;
        BooleanVector out = (BooleanVector) Vector.create(JunctionType.BOOLEAN, n);
        boolean[] x = in.values();
        boolean[] result = out.values();
        for (int i = 0; i < n; i++) {
            boolean holds = !in.isNull(i) && x[i] == wanted;
            result[i] = holds != negated;
        }
        return out;
    }

    @Override
    public String describe() {
        return "(" + operand.describe() + " " + test.name().replace('_', ' ') + ")";
    }
}
