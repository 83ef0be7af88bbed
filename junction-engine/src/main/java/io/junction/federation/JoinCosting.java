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

    /**
     * The plan computing the relations of {@code a} and {@code b} as one statement of the source that holds them
     * all, or null where no source can; its cost does not depend on how {@code a} and {@code b} were planned. The
     * enumerator keeps it beside the cheapest plan of the set even when it costs more, since as the input of a
     * larger join it can still be the cheaper one: only a single statement can take a bind join's keys.
     */
    default JoinPlan pushed(JoinPlan a, JoinPlan b) {
        return null;
    }

    /** For each conjunct of the join conditions, the relations it reads. */
    long[] conditionRelations();
}
