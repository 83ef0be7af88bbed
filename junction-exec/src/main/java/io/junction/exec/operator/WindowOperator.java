package io.junction.exec.operator;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.expr.CastExpression;
import io.junction.exec.vector.BatchBuilder;
import io.junction.exec.vector.ValueComparison;
import io.junction.exec.vector.ValueEncoder;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Window functions sharing one PARTITION BY, ORDER BY and frame; outputs the input columns followed by one
 * column per call.
 *
 * <p>Algorithm: materialize the input; sort row indices by the partition keys, then the order keys (stable
 * merge sort) and gather the rows in that order, so every partition is a contiguous run and each peer group
 * (rows equal on the order keys) a contiguous run inside it. One pass marks partition and peer-group starts.
 * Each call is then evaluated partition by partition over the gathered primitive arrays: ranking functions
 * from positions and peer starts, LAG/LEAD by index arithmetic, and frame functions from each row's frame
 * [start, end) — row offsets for ROWS, peer groups or a binary search on the single order key for RANGE.
 * Aggregates grow their state while the frame only extends at its end and restart when its start moves.
 * Rows leave in partition order, in batches of at most {@link Batch#DEFAULT_SIZE}.
 */
public final class WindowOperator implements Operator {
    private final Operator input;
    private final int[] partitionColumns;
    private final List<SortKey> orderKeys;
    private final WindowFrame frame;
    private final List<WindowCall> calls;
    private final List<JunctionType> types;
    private BatchSlices output;
    private boolean closed;

    public WindowOperator(Operator input, int[] partitionColumns, List<SortKey> orderKeys, WindowFrame frame, List<WindowCall> calls) {
        this.input = input;
        this.partitionColumns = partitionColumns.clone();
        this.orderKeys = List.copyOf(orderKeys);
        this.frame = frame;
        this.calls = List.copyOf(calls);
        boolean rangeOffset = !frame.rows() && (frame.lower().offset() != null || frame.upper().offset() != null);
        if (rangeOffset && orderKeys.size() != 1) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, "RANGE with an offset PRECEDING or FOLLOWING needs exactly one ORDER BY column");
        }
        List<JunctionType> out = new ArrayList<>(input.outputTypes());
        for (WindowCall call : calls) {
            out.add(call.resultType());
        }
        this.types = List.copyOf(out);
    }

    @Override
    public Batch next() {
        if (closed) {
            return null;
        }
        if (output == null) {
            output = new BatchSlices(compute());
            input.close();
        }
        return output.next();
    }

    private Batch compute() {
        BatchBuilder all = new BatchBuilder(input.outputTypes(), Batch.DEFAULT_SIZE);
        Batch batch;
        while ((batch = input.next()) != null) {
            all.appendRows(batch);
        }
        Batch rows = all.build();
        int n = rows.rowCount();
        List<SortKey> sortKeys = new ArrayList<>();
        for (int c : partitionColumns) {
            sortKeys.add(new SortKey(c, true, true));
        }
        sortKeys.addAll(orderKeys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        RowComparator.sort(order, n, RowComparator.of(rows, sortKeys));
        Batch sorted = rows.gather(order, n);

        Runs runs = markRuns(sorted, n);

        Vector[] columns = Arrays.copyOf(sorted.columns(), types.size());
        for (int c = 0; c < calls.size(); c++) {
            columns[sorted.columnCount() + c] = evaluate(calls.get(c), sorted, n, runs);
        }
        return new Batch(columns, n);
    }

    /** For each sorted row: where its partition and its peer group start and end (exclusive). */
    private record Runs(int[] partitionStart, int[] partitionEnd, int[] peerStart, int[] peerEnd) {
    }

    private Runs markRuns(Batch sorted, int n) {
        int[] partitionStart = new int[n];
        int[] partitionEnd = new int[n];
        int[] peerStart = new int[n];
        int[] peerEnd = new int[n];
        for (int k = 0; k < n; k++) {
            boolean newPartition = k == 0 || !sameValues(sorted, partitionColumns, k - 1, k);
            boolean newPeer = newPartition || !sameOrderValues(sorted, k - 1, k);
            partitionStart[k] = newPartition ? k : partitionStart[k - 1];
            peerStart[k] = newPeer ? k : peerStart[k - 1];
        }
        for (int k = n - 1; k >= 0; k--) {
            peerEnd[k] = k == n - 1 || peerStart[k + 1] != peerStart[k] ? k + 1 : peerEnd[k + 1];
            partitionEnd[k] = k == n - 1 || partitionStart[k + 1] != partitionStart[k] ? k + 1 : partitionEnd[k + 1];
        }
        return new Runs(partitionStart, partitionEnd, peerStart, peerEnd);
    }

    private static boolean sameValues(Batch b, int[] columns, int i, int j) {
        for (int c : columns) {
            if (!ValueComparison.equalOrBothNull(b.column(c), i, b.column(c), j)) {
                return false;
            }
        }
        return true;
    }

    private boolean sameOrderValues(Batch b, int i, int j) {
        for (SortKey key : orderKeys) {
            Vector v = b.column(key.column());
            if (!ValueComparison.equalOrBothNull(v, i, v, j)) {
                return false;
            }
        }
        return true;
    }

    private Vector evaluate(WindowCall call, Batch sorted, int n, Runs runs) {
        Vector argument = call.argument() < 0 ? null : sorted.column(call.argument());
        return switch (call.function()) {
            case ROW_NUMBER, RANK, DENSE_RANK, NTILE -> ranking(call, n, runs);
            case LAG, LEAD -> offsetValue(call, argument, n, runs);
            case FIRST_VALUE, LAST_VALUE -> {
                Vector values = CastExpression.cast(argument, n, call.resultType());
                Vector out = Vector.create(call.resultType(), n);
                forEachFrame(sorted, n, runs, (k, start, end, grew) -> {
                    if (start >= end) {
                        out.setNull(k);
                    } else {
                        out.copyRow(values, call.function() == WindowFunction.FIRST_VALUE ? start : end - 1, k);
                    }
                });
                yield out;
            }
            default -> {
                FrameAggregate aggregate = new FrameAggregate(call.function(), argument, call.resultType(), n);
                int[] added = new int[1];
                forEachFrame(sorted, n, runs, (k, start, end, grew) -> {
                    if (!grew) {
                        aggregate.reset();
                        added[0] = start;
                    }
                    for (int j = Math.max(added[0], start); j < end; j++) {
                        aggregate.add(j);
                    }
                    added[0] = Math.max(added[0], end);
                    aggregate.write(k);
                });
                yield aggregate.result(n);
            }
        };
    }

    private Vector ranking(WindowCall call, int n, Runs runs) {
        int[] partitionStart = runs.partitionStart();
        int[] peerStart = runs.peerStart();
        LongVector out = (LongVector) Vector.create(JunctionType.BIGINT, n);
        long[] r = out.values();
        if (call.function() == WindowFunction.NTILE && call.parameter() <= 0) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "argument of NTILE must be greater than zero, got " + call.parameter());
        }
        long dense = 0;
        for (int k = 0; k < n; k++) {
            int ps = partitionStart[k];
            if (k == ps) {
                dense = 0;
            }
            if (peerStart[k] == k) {
                dense++;
            }
            r[k] = switch (call.function()) {
                case ROW_NUMBER -> k - ps + 1;
                case RANK -> peerStart[k] - ps + 1;
                case DENSE_RANK -> dense;
                default -> ntile(k - ps, runs.partitionEnd()[k] - ps, call.parameter());
            };
        }
        return CastExpression.cast(out, n, call.resultType());
    }

    /** Bucket of the 0-based row {@code index} among {@code rows}: the first {@code rows % buckets} buckets hold one extra row. */
    static long ntile(long index, long rows, long buckets) {
        long small = rows / buckets;
        long large = small + 1;
        long extra = rows % buckets;
        if (index < extra * large) {
            return index / large + 1;
        }
        return extra + (index - extra * large) / small + 1;
    }

    private Vector offsetValue(WindowCall call, Vector argument, int n, Runs runs) {
        Vector values = CastExpression.cast(argument, n, call.resultType());
        Vector fallback = Vector.create(call.defaultType(), 1);
        ValueEncoder.write(fallback, 0, call.defaultValue());
        fallback = CastExpression.cast(fallback, 1, call.resultType());
        long shift = call.function() == WindowFunction.LAG ? -call.parameter() : call.parameter();
        Vector out = Vector.create(call.resultType(), n);
        for (int k = 0; k < n; k++) {
            long target = k + shift;
            if (target >= runs.partitionStart()[k] && target < runs.partitionEnd()[k]) {
                out.copyRow(values, (int) target, k);
            } else {
                out.copyRow(fallback, 0, k);
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface FrameVisitor {
        /** Row {@code k}'s frame is [start, end); {@code grew} when it starts where the previous row's did, in the same partition, and does not end earlier. */
        void visit(int k, int start, int end, boolean grew);
    }

    private void forEachFrame(Batch sorted, int n, Runs runs, FrameVisitor visitor) {
        int[] partitionStart = runs.partitionStart();
        int[] peerStart = runs.peerStart();
        int[] peerEnd = runs.peerEnd();
        Vector key = orderKeys.size() == 1 ? sorted.column(orderKeys.getFirst().column()) : null;
        boolean descending = key != null && !orderKeys.getFirst().ascending();
        int ps = -1;
        int pe = 0;
        int valuesStart = 0;
        int valuesEnd = 0;
        int previousStart = -1;
        int previousEnd = -1;
        for (int k = 0; k < n; k++) {
            if (partitionStart[k] != ps) {
                ps = partitionStart[k];
                pe = runs.partitionEnd()[k];
                // the rows with a non-NULL order key: NULLs sort together at one end of the partition
                valuesStart = ps;
                valuesEnd = pe;
                if (key != null) {
                    while (valuesStart < pe && key.isNull(valuesStart)) {
                        valuesStart++;
                    }
                    while (valuesEnd > valuesStart && key.isNull(valuesEnd - 1)) {
                        valuesEnd--;
                    }
                }
                previousStart = -1;
            }
            int start = bound(frame.lower(), false, k, ps, pe, peerStart, peerEnd, key, descending, valuesStart, valuesEnd);
            int end = bound(frame.upper(), true, k, ps, pe, peerStart, peerEnd, key, descending, valuesStart, valuesEnd);
            start = Math.max(ps, Math.min(start, pe));
            end = Math.max(start, Math.min(end, pe));
            boolean grew = start == previousStart && end >= previousEnd;
            visitor.visit(k, start, end, grew);
            previousStart = start;
            previousEnd = end;
        }
    }

    /** A frame bound as a row index: the first row of the frame for the lower bound, one past the last for the upper. */
    private int bound(WindowFrameBound b, boolean upper, int k, int ps, int pe, int[] peerStart, int[] peerEnd,
                      Vector key, boolean descending, int valuesStart, int valuesEnd) {
        switch (b.kind()) {
            case UNBOUNDED_PRECEDING:
                return ps;
            case UNBOUNDED_FOLLOWING:
                return pe;
            case CURRENT_ROW:
                if (frame.rows()) {
                    return upper ? k + 1 : k;
                }
                return upper ? peerEnd[k] : peerStart[k];
            default:
                break;
        }
        boolean preceding = b.kind() == WindowFrameBound.Kind.PRECEDING;
        if (frame.rows()) {
            long offset = b.offset().min(BigDecimal.valueOf(Integer.MAX_VALUE)).longValue();
            long row = preceding ? (long) k - offset : (long) k + offset;
            long index = upper ? row + 1 : row;
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, index));
        }
        if (key.isNull(k)) {
            // a NULL key has no distance to anything: its frame is its peers
            return upper ? peerEnd[k] : peerStart[k];
        }
        // in sort order, "preceding" values are smaller when ascending and larger when descending
        boolean towardsSmaller = preceding != descending;
        return searchRange(key, k, b.offset(), towardsSmaller, upper, descending, valuesStart, valuesEnd);
    }

    /**
     * The first row in [from, to) that is not before the target value (lower bound) or is after it (upper
     * bound), in sort order, where target = key[k] ∓ offset.
     */
    private static int searchRange(Vector key, int k, BigDecimal offset, boolean towardsSmaller, boolean upper, boolean descending,
                                   int from, int to) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareToTarget(key, mid, k, offset, towardsSmaller);
            if (descending) {
                c = -c;
            }
            boolean past = upper ? c > 0 : c >= 0;
            if (past) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Sign of key[row] - (key[k] ∓ offset). */
    private static int compareToTarget(Vector key, int row, int k, BigDecimal offset, boolean towardsSmaller) {
        switch (key) {
            case LongVector l -> {
                if (offset.scale() <= 0 || offset.stripTrailingZeros().scale() <= 0) {
                    long off = offset.min(BigDecimal.valueOf(Long.MAX_VALUE / 4)).longValue();
                    long base = l.get(k);
                    // the difference of two keys fits easily; compare row - base against ±off without overflow
                    long diff = l.get(row) - base;
                    boolean overflow = ((l.get(row) ^ base) & (l.get(row) ^ diff)) < 0;
                    if (!overflow) {
                        return Long.compare(diff, towardsSmaller ? -off : off);
                    }
                }
                BigDecimal target = towardsSmaller ? BigDecimal.valueOf(l.get(k)).subtract(offset) : BigDecimal.valueOf(l.get(k)).add(offset);
                return BigDecimal.valueOf(l.get(row)).compareTo(target);
            }
            case DoubleVector d -> {
                double off = offset.doubleValue();
                double target = towardsSmaller ? d.get(k) - off : d.get(k) + off;
                return ValueComparison.compareDoubles(d.get(row), target);
            }
            case DecimalVector d -> {
                BigDecimal target = towardsSmaller ? d.getBigDecimal(k).subtract(offset) : d.getBigDecimal(k).add(offset);
                return d.getBigDecimal(row).compareTo(target);
            }
            default -> throw new JunctionException(ErrorCode.DATATYPE_MISMATCH,
                    "RANGE with an offset needs a numeric, date or time ORDER BY column, not " + key.type());
        }
    }

    @Override
    public void close() {
        closed = true;
        output = null;
        input.close();
    }

    @Override
    public List<JunctionType> outputTypes() {
        return types;
    }

    @Override
    public String describe() {
        String partitions = Arrays.stream(partitionColumns).mapToObj(c -> "$" + c).collect(Collectors.joining(", "));
        return "Window[partition=[" + partitions + "], order=[" + SortOperator.describeKeys(orderKeys) + "], " + frame
                + ", calls=" + calls + "]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }
}
