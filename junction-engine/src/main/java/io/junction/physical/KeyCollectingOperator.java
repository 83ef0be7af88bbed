package io.junction.physical;

import io.junction.exec.operator.Operator;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Passes its input through unchanged while remembering the distinct non-NULL values of one column: the
 * join keys of a bind join's build side, which its {@link BindScanOperator} then ships to the other
 * source. NULL keys are left out since they never match. Used only on inputs small enough to hold.
 */
final class KeyCollectingOperator implements Operator {
    private final Operator input;
    private final int keyColumn;
    private final Set<Object> keys = new LinkedHashSet<>();
    private boolean finished;

    KeyCollectingOperator(Operator input, int keyColumn) {
        this.input = input;
        this.keyColumn = keyColumn;
    }

    @Override
    public Batch next() {
        Batch b = input.next();
        if (b == null) {
            finished = true;
            return null;
        }
        Vector keysOfBatch = b.column(keyColumn);
        for (int i = 0; i < b.rowCount(); i++) {
            if (!keysOfBatch.isNull(i)) {
                keys.add(keysOfBatch.getObject(i));
            }
        }
        return b;
    }

    /** The keys seen; valid once the input has been read to its end (a hash join builds before it probes). */
    List<Object> keys() {
        if (!finished) {
            throw new IllegalStateException("bind join keys requested before the build side was read");
        }
        return new ArrayList<>(keys);
    }

    @Override
    public List<JunctionType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public String describe() {
        return "CollectKeys[$" + keyColumn + "]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    @Override
    public void close() {
        input.close();
    }
}
