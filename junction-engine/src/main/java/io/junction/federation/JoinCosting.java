package io.junction.federation;

/**
 * How {@link JoinOrderEnumerator} prices the plans of one set of relations. Relations are numbered from 0 to
 * {@link #relationCount()} - 1 and sets of them are bits of a long.
 *
 * <p>Contract: a plan's cost includes all the work below it, so the enumerator compares plans of the same
 * relations by {@link JoinPlan#cost()} alone; {@link #join} is called only with plans of disjoint sets and returns
 * the cheapest way the costing knows to join them (in either orientation, in Junction or pushed into a source);
 * the estimated rows of a set do not depend on the order it was joined in.
 */
interface JoinCosting {
    int relationCount();

    /** The plan reading relation {@code relation} alone. */
    JoinPlan relation(int relation);

    /** The cheapest plan joining the results of {@code a} and {@code b}. */
    JoinPlan join(JoinPlan a, JoinPlan b);

    /** For each conjunct of the join conditions, the relations it reads. */
    long[] conditionRelations();
}
