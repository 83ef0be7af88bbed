package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BooleanVector;
import io.junction.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * CASE WHEN c1 THEN v1 ... [ELSE e] END. Each condition runs only on rows no earlier branch took, each value
 * only on the rows its condition selected (so a branch never fails on rows it does not apply to); the chosen
 * values are scattered into the result. Rows no branch takes get the ELSE value, or NULL without one.
 */
public final class CaseExpression implements Expression {
    private final JunctionType type;
    private final List<Expression> conditions = new ArrayList<>();
    private final List<Expression> values = new ArrayList<>();
    private final Expression otherwise;

    /** {@code arguments} = cond1, value1, cond2, value2, ..., [else]. */
    public CaseExpression(JunctionType type, List<Expression> arguments) {
        this.type = type;
        int pairs = arguments.size() / 2;
        for (int p = 0; p < pairs; p++) {
            conditions.add(Expressions.coerce(arguments.get(2 * p), JunctionType.BOOLEAN));
            values.add(Expressions.coerce(arguments.get(2 * p + 1), type));
        }
        this.otherwise = arguments.size() % 2 == 1 ? Expressions.coerce(arguments.getLast(), type) : null;
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        Vector out = Vector.create(type, n);
        int[] pending = new int[n];
        for (int i = 0; i < n; i++) {
            pending[i] = i;
        }
        int pendingCount = n;
        int[] chosen = new int[n];
        for (int b = 0; b < conditions.size() && pendingCount > 0; b++) {
            BooleanVector condition = (BooleanVector) SelectiveEvaluation.evaluate(conditions.get(b), batch, pending, pendingCount);
            boolean[] c = condition.values();
            int chosenCount = 0;
            int kept = 0;
            for (int k = 0; k < pendingCount; k++) {
                if (c[k] && !condition.isNull(k)) {
                    chosen[chosenCount++] = pending[k];
                } else {
                    pending[kept++] = pending[k];
                }
            }
            pendingCount = kept;
            if (chosenCount > 0) {
                scatter(SelectiveEvaluation.evaluate(values.get(b), batch, chosen, chosenCount), chosen, chosenCount, out);
            }
        }
        if (pendingCount > 0) {
            if (otherwise == null) {
                for (int k = 0; k < pendingCount; k++) {
                    out.setNull(pending[k]);
                }
            } else {
                scatter(SelectiveEvaluation.evaluate(otherwise, batch, pending, pendingCount), pending, pendingCount, out);
            }
        }
        return out;
    }

    static void scatter(Vector source, int[] rows, int count, Vector out) {
        for (int k = 0; k < count; k++) {
            out.copyRow(source, k, rows[k]);
        }
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("CASE");
        for (int b = 0; b < conditions.size(); b++) {
            sb.append(" WHEN ").append(conditions.get(b).describe()).append(" THEN ").append(values.get(b).describe());
        }
        if (otherwise != null) {
            sb.append(" ELSE ").append(otherwise.describe());
        }
        return sb.append(" END").toString();
    }
}
