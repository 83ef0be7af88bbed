package io.junction.exec.operator;

import io.junction.exec.expr.CastExpression;
import io.junction.exec.vector.BatchBuilder;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.util.ArrayList;
import java.util.List;

/**
 * STRING_AGG(value, separator [ORDER BY ...]) (Calcite's LISTAGG). Non-NULL values are kept with their group,
 * separator and ORDER BY keys; at the end the kept rows are sorted stably by group and then by the keys (input
 * order where there are none) and each group's values are joined, every value after the first preceded by its
 * own row's separator (none when that separator is NULL), as PostgreSQL does. A group without values is NULL.
 */
final class StringAggAccumulator implements Accumulator {
    private final int separatorColumn;
    private final List<SortKey> order;
    private final JunctionType resultType;
    private BatchBuilder kept;
    private final List<JunctionType> orderTypes = new ArrayList<>();

    StringAggAccumulator(int separatorColumn, List<SortKey> order, JunctionType resultType) {
        this.separatorColumn = separatorColumn;
        this.order = List.copyOf(order);
        this.resultType = resultType;
    }

    @Override
    public void add(int[] groupIds, int groupCount, Vector input, int rowCount) {
        throw new IllegalStateException("STRING_AGG reads its separator and ORDER BY columns: use addBatch");
    }

    @Override
    public void addBatch(int[] groupIds, int groupCount, Batch batch, int argument, int rowCount) {
        Vector values = CastExpression.cast(batch.column(argument), rowCount, JunctionType.VARCHAR);
        // a text separator is taken as it is: a CHAR-to-VARCHAR cast would drop the blank of ', '
        Vector separators = separatorColumn < 0 ? null : batch.column(separatorColumn).type().kind().isText()
                ? batch.column(separatorColumn) : CastExpression.cast(batch.column(separatorColumn), rowCount, JunctionType.VARCHAR);
        if (kept == null) {
            List<JunctionType> types = new ArrayList<>(List.of(JunctionType.BIGINT, JunctionType.VARCHAR, JunctionType.VARCHAR));
            for (SortKey key : order) {
                orderTypes.add(batch.column(key.column()).type());
            }
            types.addAll(orderTypes);
            kept = new BatchBuilder(types, 64);
        }
        int[] positions = new int[rowCount];
        int count = 0;
        for (int i = 0; i < rowCount; i++) {
            if (!values.isNull(i)) {
                positions[count++] = i;
            }
        }
        if (count == 0) {
            return;
        }
        LongVector groups = (LongVector) Vector.create(JunctionType.BIGINT, count);
        for (int k = 0; k < count; k++) {
            groups.set(k, groupIds[positions[k]]);
        }
        Vector[] columns = new Vector[3 + order.size()];
        columns[0] = groups;
        columns[1] = values.gather(positions, count);
        if (separators == null) {
            columns[2] = Vector.create(JunctionType.VARCHAR, count);
            for (int k = 0; k < count; k++) {
                columns[2].setNull(k);
            }
        } else {
            columns[2] = separators.gather(positions, count);
        }
        for (int o = 0; o < order.size(); o++) {
            columns[3 + o] = batch.column(order.get(o).column()).gather(positions, count);
        }
        kept.appendRows(new Batch(columns, count));
    }

    @Override
    public Vector result(int groupCount) {
        StringVector out = (StringVector) Vector.create(JunctionType.VARCHAR, groupCount);
        for (int g = 0; g < groupCount; g++) {
            out.setNull(g);
        }
        if (kept != null && !kept.isEmpty()) {
            Batch rows = kept.build();
            int n = rows.rowCount();
            List<SortKey> keys = new ArrayList<>();
            keys.add(new SortKey(0, true, false));
            for (int o = 0; o < order.size(); o++) {
                SortKey k = order.get(o);
                keys.add(new SortKey(3 + o, k.ascending(), k.nullsFirst()));
            }
            int[] sorted = new int[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = i;
            }
            RowComparator.sort(sorted, n, RowComparator.of(rows, keys));
            LongVector groups = (LongVector) rows.column(0);
            StringVector values = (StringVector) rows.column(1);
            StringVector separators = (StringVector) rows.column(2);
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < n; k++) {
                int row = sorted[k];
                boolean first = k == 0 || groups.get(sorted[k - 1]) != groups.get(row);
                if (first) {
                    text.setLength(0);
                } else if (!separators.isNull(row)) {
                    text.append(separators.get(row));
                }
                text.append(values.get(row));
                boolean last = k == n - 1 || groups.get(sorted[k + 1]) != groups.get(row);
                if (last) {
                    out.set((int) groups.get(row), text.toString());
                }
            }
        }
        return CastExpression.cast(out, groupCount, resultType);
    }
}
