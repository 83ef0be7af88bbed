package io.junction.exec.operator;

import io.junction.types.JunctionType;
import io.junction.vector.BatchStream;

import java.util.List;

/**
 * A physical operator: pulls batches from its inputs and produces batches.
 *
 * <p>Contract: {@link #next()} returns a non-empty batch or {@code null} at the end and may be called
 * again after the end (returning {@code null}); {@link #close()} closes the inputs, may be called at any
 * time and more than once. Batches returned by {@code next()} belong to the caller: an operator must not
 * modify a batch after returning it. An operator is used by one thread at a time.
 */
public interface Operator extends BatchStream {
    /** Types of the output columns, in order. */
    List<JunctionType> outputTypes();

    /** A one-line description for EXPLAIN, e.g. {@code HashJoin[INNER, keys=[0=2]]}. */
    String describe();

    /** Inputs, for EXPLAIN and cleanup. */
    List<Operator> inputs();
}
