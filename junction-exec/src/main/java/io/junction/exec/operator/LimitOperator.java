package io.junction.exec.operator;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;

/**
 * OFFSET / FETCH: skips {@code offset} rows, then passes up to {@code fetch} rows (-1 = all), slicing the
 * batches at the edges. Once the last wanted row is out it closes its input at once, which is what stops a
 * remote source from streaming rows nobody will read.
 */
public final class LimitOperator implements Operator {
    private final Operator input;
    private final long offset;
    private final long fetch;
    private long skipped;
    private long emitted;
    private boolean closed;

    public LimitOperator(Operator input, long offset, long fetch) {
        if (offset < 0 || fetch < -1) {
            throw new IllegalArgumentException("offset " + offset + ", fetch " + fetch);
        }
        this.input = input;
        this.offset = offset;
        this.fetch = fetch;
    }

    @Override
    public Batch next() {
        while (!closed) {
            if (fetch >= 0 && emitted >= fetch) {
                close();
                return null;
            }
            Batch batch = input.next();
            if (batch == null) {
                close();
                return null;
            }
            int n = batch.rowCount();
            int start = 0;
            if (skipped < offset) {
                long skip = Math.min(offset - skipped, n);
                skipped += skip;
                start = (int) skip;
            }
            int end = n;
            if (fetch >= 0) {
                end = (int) Math.min(n, start + (fetch - emitted));
            }
            if (end <= start) {
                continue;
            }
            emitted += end - start;
            Batch out = start == 0 && end == n ? batch : slice(batch, start, end);
            if (fetch >= 0 && emitted >= fetch) {
                close();
            }
            return out;
        }
        return null;
    }

    static Batch slice(Batch batch, int start, int end) {
        int[] positions = new int[end - start];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = start + i;
        }
        return batch.gather(positions, positions.length);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            input.close();
        }
    }

    @Override
    public List<JunctionType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public String describe() {
        return "Limit[offset=" + offset + ", fetch=" + (fetch < 0 ? "ALL" : fetch) + "]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }
}
