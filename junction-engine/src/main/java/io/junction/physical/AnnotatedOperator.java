package io.junction.physical;

import io.junction.exec.operator.Operator;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;

/**
 * An operator as EXPLAIN shows it: the planner's estimate of its rows and of its cost (cumulative: its own and its
 * inputs', see {@link io.junction.federation.FederatedCostModel}), and, once it has run, what it actually returned
 * and the time spent in it and below it. Counting costs one call per batch.
 */
final class AnnotatedOperator implements Operator {
    private final Operator operator;
    private final Double estimatedRows;
    private final double estimatedCost;
    private long rows;
    private long batches;
    private long nanos;
    private boolean started;

    AnnotatedOperator(Operator operator, Double estimatedRows, double estimatedCost) {
        this.operator = operator;
        this.estimatedRows = estimatedRows;
        this.estimatedCost = estimatedCost;
    }

    /** The estimated cost of this operator and everything below it. */
    double estimatedCost() {
        return estimatedCost;
    }

    /** The summed estimated costs of the annotated operators nearest below {@code op} (its inputs, seen through unannotated helpers). */
    static double costBelow(Operator op) {
        double cost = 0;
        for (Operator input : op.inputs()) {
            cost += input instanceof AnnotatedOperator annotated ? annotated.estimatedCost : costBelow(input);
        }
        return cost;
    }

    @Override
    public Batch next() {
        started = true;
        long start = System.nanoTime();
        try {
            Batch b = operator.next();
            if (b != null) {
                rows += b.rowCount();
                batches++;
            }
            return b;
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    @Override
    public List<JunctionType> outputTypes() {
        return operator.outputTypes();
    }

    /** The wrapped operator's description with the estimate, and actual figures once it has run. */
    @Override
    public String describe() {
        String own = operator.describe();
        int newline = own.indexOf('\n');
        String first = newline < 0 ? own : own.substring(0, newline);
        String rest = newline < 0 ? "" : own.substring(newline);
        StringBuilder b = new StringBuilder(first);
        if (estimatedRows != null) {
            b.append("  (est. rows=").append(Math.round(estimatedRows)).append(", cost=").append(Math.round(estimatedCost)).append(')');
        }
        if (started) {
            b.append("  (actual rows=").append(rows).append(", batches=").append(batches)
                    .append(", time=").append(String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6)).append(" ms)");
        }
        return b.append(rest).toString();
    }

    @Override
    public List<Operator> inputs() {
        return operator.inputs();
    }

    @Override
    public void close() {
        operator.close();
    }
}
