package io.junction.physical;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.operator.Operator;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * WITH RECURSIVE. Algorithm: emit the seed's rows, keeping them as the working table; then plan and run
 * the recursive step over the working table, emit its rows and make them the next working table; stop
 * when a step returns no rows. Without ALL, a row already returned is neither returned nor recursed on
 * again. More than {@link #MAX_ITERATIONS} steps is an error rather than a query that never ends.
 */
final class RecursiveUnionOperator implements Operator {
    static final int MAX_ITERATIONS = 1000;

    private final String name;
    private final boolean all;
    private final Operator seed;
    private final Function<List<Batch>, Operator> step;
    private final Set<List<Object>> seen = new HashSet<>();
    private Operator current;
    private List<Batch> produced = new ArrayList<>();
    private int iterations;

    RecursiveUnionOperator(String name, boolean all, Operator seed, Function<List<Batch>, Operator> step) {
        this.name = name;
        this.all = all;
        this.seed = seed;
        this.step = step;
        this.current = seed;
    }

    @Override
    public Batch next() {
        while (current != null) {
            Batch b = current.next();
            if (b != null) {
                if (!all) {
                    b = newRowsOnly(b);
                    if (b == null) {
                        continue;
                    }
                }
                produced.add(b);
                return b;
            }
            current.close();
            current = null;
            if (produced.isEmpty()) {
                return null;
            }
            if (++iterations > MAX_ITERATIONS) {
                throw new JunctionException(ErrorCode.RESULT_TOO_LARGE, "WITH RECURSIVE " + name + " still produced rows after "
                        + MAX_ITERATIONS + " iterations; add a condition that stops the recursion");
            }
            List<Batch> working = produced;
            produced = new ArrayList<>();
            current = step.apply(working);
        }
        return null;
    }

    /** The rows of {@code b} not returned before, or null when there are none. */
    private Batch newRowsOnly(Batch b) {
        int[] keep = new int[b.rowCount()];
        int count = 0;
        for (int i = 0; i < b.rowCount(); i++) {
            if (seen.add(b.row(i))) {
                keep[count++] = i;
            }
        }
        return count == 0 ? null : count == b.rowCount() ? b : b.gather(keep, count);
    }

    @Override
    public List<JunctionType> outputTypes() {
        return seed.outputTypes();
    }

    @Override
    public String describe() {
        return "RecursiveUnion[" + name + (all ? ", ALL" : "") + ", at most " + MAX_ITERATIONS + " iterations]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of(seed);
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        seed.close();
    }
}
