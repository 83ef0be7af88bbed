package io.junction.exec.operator;

/** Aggregate functions of the hash aggregate. */
public enum AggregateFunction {
    /** COUNT(*): counts rows; takes no argument column. */
    COUNT_STAR,
    /** COUNT(x): counts non-NULL values. */
    COUNT,
    SUM, AVG, MIN, MAX
}
