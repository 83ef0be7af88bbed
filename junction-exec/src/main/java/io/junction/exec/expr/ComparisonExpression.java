package io.junction.exec.expr;

import io.junction.exec.vector.CodePointOrder;
import io.junction.exec.vector.ValueComparison;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BinaryVector;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.util.Arrays;

/**
 * =, <>, <, <=, >, >= and IS [NOT] DISTINCT FROM. A first loop per physical type writes a three-way
 * comparison result per row into an int array; a second applies the operator and the NULL rules. The most
 * common filter, integers against a constant, skips the int array and compares in one loop.
 */
public final class ComparisonExpression implements Expression {
    private final ScalarFunction operator;
    private final Expression left;
    private final Expression right;
    /** Three-way results of the last batch, kept to save an allocation per batch. */
    private int[] cmp = new int[0];

    public ComparisonExpression(ScalarFunction operator, Expression left, Expression right) {
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    public JunctionType type() {
        return JunctionType.BOOLEAN;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        Vector a = left.evaluate(batch);
        Vector b = right.evaluate(batch);
        BooleanVector out = (BooleanVector) Vector.create(JunctionType.BOOLEAN, n);
        boolean[] result = out.values();
        if (a instanceof LongVector longs && right instanceof Literal constant && !constant.isNull() && b instanceof LongVector c) {
            compareToConstant(longs.values(), c.get(0), n, result);
        } else {
            compareAll(a, b, n, result);
        }
        if (a.mayHaveNulls() || b.mayHaveNulls()) {
            boolean distinctTest = operator == ScalarFunction.IS_DISTINCT_FROM || operator == ScalarFunction.IS_NOT_DISTINCT_FROM;
            for (int i = 0; i < n; i++) {
                boolean na = a.isNull(i);
                boolean nb = b.isNull(i);
                if (na || nb) {
                    if (distinctTest) {
                        boolean same = na && nb;
                        out.set(i, operator == ScalarFunction.IS_NOT_DISTINCT_FROM ? same : !same);
                    } else {
                        out.setNull(i);
                    }
                }
            }
        }
        return out;
    }

    private void compareToConstant(long[] x, long c, int n, boolean[] result) {
        switch (operator) {
            case EQUAL, IS_NOT_DISTINCT_FROM -> { for (int i = 0; i < n; i++) { result[i] = x[i] == c; } }
            case NOT_EQUAL, IS_DISTINCT_FROM -> { for (int i = 0; i < n; i++) { result[i] = x[i] != c; } }
            case LESS_THAN -> { for (int i = 0; i < n; i++) { result[i] = x[i] < c; } }
            case LESS_THAN_OR_EQUAL -> { for (int i = 0; i < n; i++) { result[i] = x[i] <= c; } }
            case GREATER_THAN -> { for (int i = 0; i < n; i++) { result[i] = x[i] > c; } }
            case GREATER_THAN_OR_EQUAL -> { for (int i = 0; i < n; i++) { result[i] = x[i] >= c; } }
            default -> throw new IllegalStateException("not a comparison: " + operator);
        }
    }

    private void compareAll(Vector a, Vector b, int n, boolean[] result) {
        if (cmp.length < n) {
            cmp = new int[n];
        }
        int[] cmp = this.cmp;
        compareRows(a, b, n, cmp);
        switch (operator) {
            case EQUAL, IS_NOT_DISTINCT_FROM -> { for (int i = 0; i < n; i++) { result[i] = cmp[i] == 0; } }
            case NOT_EQUAL, IS_DISTINCT_FROM -> { for (int i = 0; i < n; i++) { result[i] = cmp[i] != 0; } }
            case LESS_THAN -> { for (int i = 0; i < n; i++) { result[i] = cmp[i] < 0; } }
            case LESS_THAN_OR_EQUAL -> { for (int i = 0; i < n; i++) { result[i] = cmp[i] <= 0; } }
            case GREATER_THAN -> { for (int i = 0; i < n; i++) { result[i] = cmp[i] > 0; } }
            case GREATER_THAN_OR_EQUAL -> { for (int i = 0; i < n; i++) { result[i] = cmp[i] >= 0; } }
            default -> throw new IllegalStateException("not a comparison: " + operator);
        }
    }

    /** Three-way comparison of rows {@code 0..n} of two vectors of one type family; NULL rows get any value. */
    static void compareRows(Vector a, Vector b, int n, int[] cmp) {
        switch (a) {
            case LongVector la -> {
                long[] x = la.values();
                long[] y = ((LongVector) b).values();
                for (int i = 0; i < n; i++) {
                    cmp[i] = Long.compare(x[i], y[i]);
                }
            }
            case DoubleVector da -> {
                double[] x = da.values();
                double[] y = ((DoubleVector) b).values();
                for (int i = 0; i < n; i++) {
                    cmp[i] = ValueComparison.compareDoubles(x[i], y[i]);
                }
            }
            case DecimalVector xa -> {
                DecimalVector xb = (DecimalVector) b;
                if (xa.scale() == xb.scale() && !xa.hasWideValues() && !xb.hasWideValues()) {
                    long[] x = xa.unscaledValues();
                    long[] y = xb.unscaledValues();
                    for (int i = 0; i < n; i++) {
                        cmp[i] = Long.compare(x[i], y[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        if (!xa.isNull(i) && !xb.isNull(i)) {
                            cmp[i] = ValueComparison.compareDecimals(xa, i, xb, i);
                        }
                    }
                }
            }
            case BooleanVector ba -> {
                boolean[] x = ba.values();
                boolean[] y = ((BooleanVector) b).values();
                for (int i = 0; i < n; i++) {
                    cmp[i] = Boolean.compare(x[i], y[i]);
                }
            }
            case StringVector sa -> {
                StringVector sb = (StringVector) b;
                for (int i = 0; i < n; i++) {
                    String x = sa.get(i);
                    String y = sb.get(i);
                    if (x != null && y != null) {
                        cmp[i] = CodePointOrder.compare(x, y);
                    }
                }
            }
            case BinaryVector ya -> {
                BinaryVector yb = (BinaryVector) b;
                for (int i = 0; i < n; i++) {
                    byte[] x = ya.get(i);
                    byte[] y = yb.get(i);
                    if (x != null && y != null) {
                        cmp[i] = Arrays.compareUnsigned(x, y);
                    }
                }
            }
        }
    }

    @Override
    public String describe() {
        String symbol = switch (operator) {
            case EQUAL -> "=";
            case NOT_EQUAL -> "<>";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            case GREATER_THAN -> ">";
            case GREATER_THAN_OR_EQUAL -> ">=";
            case IS_DISTINCT_FROM -> "IS DISTINCT FROM";
            default -> "IS NOT DISTINCT FROM";
        };
        return "(" + left.describe() + " " + symbol + " " + right.describe() + ")";
    }
}
