package io.junction.physical;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.operator.Operator;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;
import java.util.function.Supplier;

/**
 * A pushed fragment with a way back: if the source rejects the statement before returning any row
 * (a function it lacks, SQL its version does not parse), the same subtree is planned again with less
 * pushed into the source and the query goes on. A failure after rows have been returned is final,
 * since those rows are already downstream. The event is recorded for EXPLAIN ANALYZE.
 */
final class FallbackOperator implements Operator {
    private final Operator pushed;
    private final Supplier<Operator> lessPushed;
    private final QueryExecution execution;
    private Operator current;
    private boolean delivered;
    private String fallbackNote;

    FallbackOperator(Operator pushed, Supplier<Operator> lessPushed, QueryExecution execution) {
        this.pushed = pushed;
        this.lessPushed = lessPushed;
        this.execution = execution;
        this.current = pushed;
    }

    @Override
    public Batch next() {
        try {
            Batch b = current.next();
            delivered |= b != null;
            return b;
        } catch (JunctionException e) {
            if (delivered || current != pushed || e.code() != ErrorCode.SOURCE_QUERY_FAILED || execution.isStopped()) {
                throw e;
            }
            pushed.close();
            Operator replacement;
            try {
                replacement = lessPushed.get();
            } catch (JunctionException planning) {
                e.addSuppressed(planning);
                throw e;
            }
            fallbackNote = "fell back to a less-pushed plan: " + e.getMessage().lines().findFirst().orElse("");
            execution.recordEvent(fallbackNote);
            current = replacement;
            return next();
        }
    }

    @Override
    public List<JunctionType> outputTypes() {
        return pushed.outputTypes();
    }

    @Override
    public String describe() {
        return current.describe() + (fallbackNote == null ? "" : "\n[" + fallbackNote + "]");
    }

    @Override
    public List<Operator> inputs() {
        return current.inputs();
    }

    @Override
    public void close() {
        current.close();
        if (current != pushed) {
            pushed.close();
        }
    }
}
