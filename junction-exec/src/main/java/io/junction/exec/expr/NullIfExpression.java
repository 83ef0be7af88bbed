package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BooleanVector;
import io.junction.vector.Vector;

/** NULLIF(a, b): NULL where a = b, else a. */
public final class NullIfExpression implements Expression {
    private final JunctionType type;
    private final Expression value;
    private final ComparisonExpression equal;

    public NullIfExpression(JunctionType type, Expression value, Expression other) {
        this.type = type;
        this.value = Expressions.coerce(value, type);
        Expression[] pair = Expressions.comparable(value, other);
        this.equal = new ComparisonExpression(ScalarFunction.EQUAL, pair[0], pair[1]);
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        Vector v = value.evaluate(batch);
        BooleanVector same = (BooleanVector) equal.evaluate(batch);
        Vector out = Vector.create(type, n);
        boolean[] s = same.values();
        for (int i = 0; i < n; i++) {
            if (s[i] && !same.isNull(i)) {
                out.setNull(i);
            } else {
                out.copyRow(v, i, i);
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "NULLIF(" + value.describe() + ", " + equal.describe() + ")";
    }
}
