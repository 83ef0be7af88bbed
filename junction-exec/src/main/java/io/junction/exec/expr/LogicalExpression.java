package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BooleanVector;
import io.junction.vector.Vector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * AND / OR over two or more operands with SQL's three-valued logic, and NOT. For AND a row is FALSE as
 * soon as one operand is FALSE, else NULL if any operand is NULL, else TRUE (OR dually). Later operands
 * are evaluated only on rows not yet decided, so a guard like {@code x <> 0 AND 10 / x > 1} holds.
 */
public final class LogicalExpression implements Expression {
    private final ScalarFunction operator;
    private final List<Expression> operands;

    public LogicalExpression(ScalarFunction operator, List<Expression> operands) {
        if (operator != ScalarFunction.AND && operator != ScalarFunction.OR && operator != ScalarFunction.NOT) {
            throw new IllegalArgumentException("not a logical operator: " + operator);
        }
        this.operator = operator;
        this.operands = List.copyOf(operands);
    }

    @Override
    public JunctionType type() {
        return JunctionType.BOOLEAN;
    }

    @Override
    public Vector evaluate(Batch batch) {
        return operator == ScalarFunction.NOT ? not(batch) : andOr(batch);
    }

    private Vector not(Batch batch) {
        int n = batch.rowCount();
        Vector input = operands.getFirst().evaluate(batch);
        BooleanVector in = (BooleanVector) input;
        BooleanVector out = (BooleanVector) Vector.create(JunctionType.BOOLEAN, n);
        boolean[] x = in.values();
        boolean[] y = out.values();
        for (int i = 0; i < n; i++) {
            y[i] = !x[i];
        }
        if (in.mayHaveNulls()) {
            for (int i = 0; i < n; i++) {
                if (in.isNull(i)) {
                    out.setNull(i);
                }
            }
        }
        return out;
    }

    private Vector andOr(Batch batch) {
        int n = batch.rowCount();
        // the value that decides the result on its own: FALSE for AND, TRUE for OR
        boolean decisive = operator == ScalarFunction.OR;
        boolean[] decided = new boolean[n];
        boolean[] sawNull = new boolean[n];
        int[] pending = new int[n];
        int pendingCount = n;
        for (int i = 0; i < n; i++) {
            pending[i] = i;
        }
        for (Expression operand : operands) {
            if (pendingCount == 0) {
                break;
            }
            BooleanVector values = (BooleanVector) SelectiveEvaluation.evaluate(operand, batch, pending, pendingCount);
            boolean[] v = values.values();
            boolean nulls = values.mayHaveNulls();
            int kept = 0;
            for (int k = 0; k < pendingCount; k++) {
                int row = pending[k];
                if (nulls && values.isNull(k)) {
                    sawNull[row] = true;
                    pending[kept++] = row;
                } else if (v[k] == decisive) {
                    decided[row] = true;
                } else {
                    pending[kept++] = row;
                }
            }
            pendingCount = kept;
        }
        BooleanVector out = (BooleanVector) Vector.create(JunctionType.BOOLEAN, n);
        boolean[] result = out.values();
        for (int i = 0; i < n; i++) {
            if (decided[i]) {
                result[i] = decisive;
            } else if (sawNull[i]) {
                out.setNull(i);
            } else {
                result[i] = !decisive;
            }
        }
        return out;
    }

    @Override
    public String describe() {
        if (operator == ScalarFunction.NOT) {
            return "(NOT " + operands.getFirst().describe() + ")";
        }
        String joiner = " " + operator.name() + " ";
        return operands.stream().map(Expression::describe).collect(Collectors.joining(joiner, "(", ")"));
    }
}
