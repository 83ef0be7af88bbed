package io.junction.exec.operator;

import io.junction.types.JunctionType;

/**
 * One aggregate in a GROUP BY: the function, its input column ({@code -1} for COUNT(*)), whether it
 * aggregates DISTINCT values, and the result type as the validator typed it.
 */
public record AggregateCall(AggregateFunction function, int argument, boolean distinct, JunctionType resultType) {
}
