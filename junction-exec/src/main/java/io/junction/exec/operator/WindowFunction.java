package io.junction.exec.operator;

/** Functions a {@link WindowOperator} evaluates per row over the row's partition or frame. */
public enum WindowFunction {
    // ranking: depend on the row's position and peers, never on the frame
    ROW_NUMBER, RANK, DENSE_RANK,
    /** NTILE(buckets): the bucket number 1..buckets, earlier buckets one row larger when rows do not divide evenly. */
    NTILE,
    // offsets within the partition: LAG/LEAD(value, offset, default)
    LAG, LEAD,
    // values at the frame's ends
    FIRST_VALUE, LAST_VALUE,
    // aggregates over the frame
    COUNT_STAR, COUNT, SUM,
    /** SUM that is 0 rather than NULL over an empty frame (Calcite's $SUM0). */
    SUM0,
    AVG, MIN, MAX
}
