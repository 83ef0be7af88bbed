package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

/** SIGN(x): -1, 0 or 1 in the result type (the argument's type); NULL for NULL, NaN stays NaN. */
public final class SignExpression implements Expression {
    private final Expression operand;
    private final JunctionType type;

    public SignExpression(Expression operand, JunctionType type) {
        this.operand = operand;
        this.type = type;
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        Vector x = operand.evaluate(batch);
        Vector raw;
        if (x instanceof DoubleVector d) {
            DoubleVector out = (DoubleVector) Vector.create(JunctionType.DOUBLE, n);
            for (int i = 0; i < n; i++) {
                out.set(i, Math.signum(d.get(i)));
            }
            raw = out;
        } else {
            LongVector out = (LongVector) Vector.create(JunctionType.BIGINT, n);
            for (int i = 0; i < n; i++) {
                if (!x.isNull(i)) {
                    out.set(i, x instanceof DecimalVector dv ? dv.getUnscaledBig(i).signum() : Long.signum(((LongVector) x).get(i)));
                }
            }
            raw = out;
        }
        for (int i = 0; i < n; i++) {
            if (x.isNull(i)) {
                raw.setNull(i);
            }
        }
        return CastExpression.cast(raw, n, type);
    }

    @Override
    public String describe() {
        return "SIGN(" + operand.describe() + ")";
    }
}
