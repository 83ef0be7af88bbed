package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.List;
import java.util.stream.Collectors;

/** COALESCE(a, b, ...): the first non-NULL operand; each later operand runs only on rows still NULL. */
public final class CoalesceExpression implements Expression {
    private final JunctionType type;
    private final List<Expression> operands;

    public CoalesceExpression(JunctionType type, List<Expression> operands) {
        this.type = type;
        this.operands = operands.stream().map(e -> Expressions.coerce(e, type)).toList();
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        Vector first = operands.getFirst().evaluate(batch);
        if (!first.mayHaveNulls() || operands.size() == 1) {
            return first;
        }
        Vector out = Vector.create(type, n);
        int[] pending = new int[n];
        int pendingCount = 0;
        for (int i = 0; i < n; i++) {
            if (first.isNull(i)) {
                pending[pendingCount++] = i;
            }
            out.copyRow(first, i, i);
        }
        for (int o = 1; o < operands.size() && pendingCount > 0; o++) {
            Vector next = SelectiveEvaluation.evaluate(operands.get(o), batch, pending, pendingCount);
            int kept = 0;
            for (int k = 0; k < pendingCount; k++) {
                if (next.isNull(k)) {
                    pending[kept++] = pending[k];
                } else {
                    out.copyRow(next, k, pending[k]);
                }
            }
            pendingCount = kept;
        }
        return out;
    }

    @Override
    public String describe() {
        return operands.stream().map(Expression::describe).collect(Collectors.joining(", ", "COALESCE(", ")"));
    }
}
