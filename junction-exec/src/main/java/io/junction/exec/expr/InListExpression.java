package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BooleanVector;
import io.junction.vector.Vector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * value IN (c1, c2, ...): TRUE when some candidate equals the value; otherwise NULL when the value or any
 * candidate is NULL (the unknown might have matched), else FALSE. One vectorized equality pass per candidate.
 */
public final class InListExpression implements Expression {
    private final Expression value;
    private final List<Expression> candidates;

    public InListExpression(Expression value, List<Expression> candidates) {
        JunctionType common = value.type();
        for (Expression c : candidates) {
            common = Expressions.comparable(new Literal(null, common), c)[0].type();
        }
        JunctionType target = common;
        this.value = Expressions.coerce(value, target);
        this.candidates = candidates.stream().map(c -> Expressions.coerce(c, target)).toList();
    }

    @Override
    public JunctionType type() {
        return JunctionType.BOOLEAN;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        Vector v = value.evaluate(batch);
        boolean[] found = new boolean[n];
        boolean[] unknown = new boolean[n];
        int[] cmp = new int[n];
        for (Expression candidate : candidates) {
            Vector c = candidate.evaluate(batch);
            ComparisonExpression.compareRows(v, c, n, cmp);
            boolean nulls = c.mayHaveNulls();
            for (int i = 0; i < n; i++) {
                if (nulls && c.isNull(i)) {
                    unknown[i] = true;
                } else if (cmp[i] == 0) {
                    found[i] = true;
                }
            }
        }
        BooleanVector out = (BooleanVector) Vector.create(JunctionType.BOOLEAN, n);
        boolean[] result = out.values();
        for (int i = 0; i < n; i++) {
            if (v.isNull(i) || (!found[i] && unknown[i])) {
                out.setNull(i);
            } else {
                result[i] = found[i];
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "(" + value.describe() + candidates.stream().map(Expression::describe).collect(Collectors.joining(", ", " IN (", "))"));
    }
}
