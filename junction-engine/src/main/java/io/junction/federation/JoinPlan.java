package io.junction.federation;

/**
 * One way to join a set of a {@link JoinGraph}'s relations: a single relation, or a join of two disjoint plans.
 *
 * @param relations the relations joined, bit i for relation i
 * @param left      the larger (probing) input, null for a single relation
 * @param right     the smaller (building) input, null for a single relation
 * @param rows      estimated rows produced
 * @param cost      estimated cost of producing them in Junction, fetches from the sources included (see {@link FederatedCostModel})
 * @param pushed    whether one source computes the whole plan as one statement; the inputs' own flags then do not matter
 */
record JoinPlan(long relations, JoinPlan left, JoinPlan right, double rows, double cost, boolean pushed) {
    static JoinPlan relation(int relation, double rows, double cost, boolean pushed) {
        return new JoinPlan(1L << relation, null, null, rows, cost, pushed);
    }

    boolean isRelation() {
        return left == null;
    }

    /** The plan's shape, e.g. {@code (([0 ⋈ 1]) ⋈ 2)}, with each join pushed into a source in brackets: for tests and debugging. */
    @Override
    public String toString() {
        return describe(false);
    }

    private String describe(boolean insidePushed) {
        if (isRelation()) {
            return Integer.toString(Long.numberOfTrailingZeros(relations));
        }
        boolean pushedHere = pushed && !insidePushed;
        String shape = "(" + left.describe(insidePushed || pushed) + " ⋈ " + right.describe(insidePushed || pushed) + ")";
        return pushedHere ? "[" + shape + "]" : shape;
    }
}
