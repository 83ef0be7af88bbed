package io.junction.exec.operator;

/** Aggregate functions of the hash aggregate. */
public enum AggregateFunction {
    /** COUNT(*): counts rows; takes no argument column. */
    COUNT_STAR,
    /** COUNT(x): counts non-NULL values. */
    COUNT,
    SUM, AVG, MIN, MAX,
    VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP,
    /** STRING_AGG(value, separator [ORDER BY ...]): the separator column and order keys are in {@link AggregateCall}. */
    STRING_AGG,
    /** The value of a scalar subquery: a group's only row, or CARDINALITY_VIOLATION for a second one. */
    SINGLE_VALUE
}
