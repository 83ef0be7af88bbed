package io.junction.exec.operator;

import io.junction.types.JunctionType;

import java.util.List;

/**
 * One aggregate in a GROUP BY: the function, its input column ({@code -1} for COUNT(*)), whether it
 * aggregates DISTINCT values, and the result type as the validator typed it. STRING_AGG also reads a
 * separator column ({@code secondArgument}, {@code -1} for none) and may order its values ({@code order}).
 */
public record AggregateCall(AggregateFunction function, int argument, boolean distinct, JunctionType resultType,
                            int secondArgument, List<SortKey> order) {
    public AggregateCall {
        order = List.copyOf(order);
    }

    public AggregateCall(AggregateFunction function, int argument, boolean distinct, JunctionType resultType) {
        this(function, argument, distinct, resultType, -1, List.of());
    }
}
