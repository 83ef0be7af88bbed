package io.junction.federation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the order in which to join a set of relations: the cheapest tree of binary joins by a {@link JoinCosting}.
 *
 * <p>Algorithm. The relations are first split into connected components (relations linked, directly or through
 * others, by join conditions). Each component of at most {@value #EXHAUSTIVE_LIMIT} relations is planned by dynamic
 * programming over its connected subsets, smallest first: the best plan of a subset is the cheapest join of the
 * best plans of two disjoint, connected subsets that make it up (bushy trees included, cross products excluded).
 * Beside its cheapest plan, a subset keeps its plan as one pushed statement ({@link JoinCosting#pushed}) when that
 * costs more, and joins try it too: a pushed statement can take a bind join's keys, a join in Junction cannot.
 * Larger components are planned greedily: start from each relation's own plan and repeatedly join the two
 * connected plans whose join is cheapest. Last, the components' plans are joined greedily too, which takes cross
 * products only where the query has them: when no two plans left are connected.
 */
final class JoinOrderEnumerator {
    /** Most relations planned exhaustively; the subsets of a component number 2^n, their splits 3^n. */
    static final int EXHAUSTIVE_LIMIT = 10;

    private final JoinCosting costing;
    private final long[] conditions;

    JoinOrderEnumerator(JoinCosting costing) {
        this.costing = costing;
        this.conditions = costing.conditionRelations();
    }

    /** The cheapest plan joining all the relations. */
    JoinPlan best() {
        List<JoinPlan> components = new ArrayList<>();
        for (long component : components()) {
            components.add(Long.bitCount(component) <= EXHAUSTIVE_LIMIT ? exhaustive(component) : greedy(relationPlans(component)));
        }
        return greedy(components);
    }

    /** The connected components of the relations, as sets: a condition links all the relations it reads. */
    private List<Long> components() {
        List<Long> components = new ArrayList<>();
        for (int r = 0; r < costing.relationCount(); r++) {
            components.add(1L << r);
        }
        for (long reads : conditions) {
            long merged = 0;
            for (var it = components.iterator(); it.hasNext(); ) {
                long component = it.next();
                if ((component & reads) != 0) {
                    merged |= component;
                    it.remove();
                }
            }
            if (merged != 0) {
                components.add(merged);
            }
        }
        return components;
    }

    /** Whether a condition reads relations of both {@code a} and {@code b} and of no others: joining them is no cross product. */
    private boolean connected(long a, long b) {
        for (long reads : conditions) {
            if ((reads & a) != 0 && (reads & b) != 0 && (reads & ~(a | b)) == 0) {
                return true;
            }
        }
        return false;
    }

    private List<JoinPlan> relationPlans(long relations) {
        List<JoinPlan> plans = new ArrayList<>();
        for (long rest = relations; rest != 0; rest &= rest - 1) {
            plans.add(costing.relation(Long.numberOfTrailingZeros(rest)));
        }
        return plans;
    }

    /**
     * Dynamic programming over the connected subsets of {@code component}, in increasing numeric order so every
     * proper subset is planned before the sets containing it. Falls back to greedy planning when conditions over
     * three or more relations leave the component without a plan built from connected pairs.
     */
    private JoinPlan exhaustive(long component) {
        Map<Long, JoinPlan> best = new HashMap<>();
        // a set's plan as one pushed statement, where that is not already its cheapest plan
        Map<Long, JoinPlan> pushedAlternative = new HashMap<>();
        for (JoinPlan relation : relationPlans(component)) {
            best.put(relation.relations(), relation);
        }
        // every non-empty subset of the component, in increasing order
        for (long set = (-component) & component; set != 0; set = (set - component) & component) {
            if (Long.bitCount(set) < 2) {
                continue;
            }
            long lowest = Long.lowestOneBit(set);
            JoinPlan cheapest = null;
            JoinPlan pushed = null;
            // splits into a part with the lowest relation and the rest, so each unordered pair is tried once
            for (long part = (set - 1) & set; part != 0; part = (part - 1) & set) {
                if ((part & lowest) == 0) {
                    continue;
                }
                long rest = set & ~part;
                JoinPlan a = best.get(part);
                JoinPlan b = best.get(rest);
                if (a == null || b == null || !connected(part, rest)) {
                    continue;
                }
                if (pushed == null) {
                    pushed = costing.pushed(a, b);
                }
                for (JoinPlan left : alternatives(a, pushedAlternative.get(part))) {
                    for (JoinPlan right : alternatives(b, pushedAlternative.get(rest))) {
                        JoinPlan joined = costing.join(left, right);
                        if (cheapest == null || joined.cost() < cheapest.cost()) {
                            cheapest = joined;
                        }
                    }
                }
            }
            if (cheapest != null) {
                best.put(set, cheapest);
                if (pushed != null && !cheapest.pushed()) {
                    pushedAlternative.put(set, pushed);
                }
            }
        }
        JoinPlan plan = best.get(component);
        return plan != null ? plan : greedy(relationPlans(component));
    }

    private static List<JoinPlan> alternatives(JoinPlan cheapest, JoinPlan pushed) {
        return pushed == null ? List.of(cheapest) : List.of(cheapest, pushed);
    }

    /**
     * Greedy operator ordering: while more than one plan is left, replace the two whose join is cheapest by that
     * join, considering only connected pairs while there are any.
     */
    private JoinPlan greedy(List<JoinPlan> plans) {
        List<JoinPlan> left = new ArrayList<>(plans);
        left.sort(Comparator.comparingDouble(JoinPlan::rows));
        while (left.size() > 1) {
            JoinPlan cheapest = null;
            int[] pair = null;
            boolean cheapestConnected = false;
            for (int i = 0; i < left.size(); i++) {
                for (int j = i + 1; j < left.size(); j++) {
                    boolean connected = connected(left.get(i).relations(), left.get(j).relations());
                    if (cheapestConnected && !connected) {
                        continue;
                    }
                    JoinPlan joined = costing.join(left.get(i), left.get(j));
                    if (cheapest == null || (connected && !cheapestConnected) || joined.cost() < cheapest.cost()) {
                        cheapest = joined;
                        pair = new int[]{i, j};
                        cheapestConnected = connected;
                    }
                }
            }
            left.remove(pair[1]);
            left.remove(pair[0]);
            left.add(cheapest);
        }
        return left.get(0);
    }
}
