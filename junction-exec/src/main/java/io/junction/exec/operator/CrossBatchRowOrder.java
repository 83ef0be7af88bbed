package io.junction.exec.operator;

import io.junction.exec.vector.ValueComparison;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.List;

/**
 * Orders rows of different batches by sort keys (direction and NULL placement included), for merging
 * sorted runs. Slower per comparison than {@link RowComparator}, which binds one batch's arrays, but a
 * merge compares only O(rows · log runs) times.
 */
final class CrossBatchRowOrder {
    private final List<SortKey> keys;

    CrossBatchRowOrder(List<SortKey> keys) {
        this.keys = List.copyOf(keys);
    }

    int compare(Batch a, int i, Batch b, int j) {
        for (SortKey key : keys) {
            Vector x = a.column(key.column());
            Vector y = b.column(key.column());
            boolean nx = x.isNull(i);
            boolean ny = y.isNull(j);
            int c;
            if (nx || ny) {
                if (nx == ny) {
                    continue;
                }
                c = nx == key.nullsFirst() ? -1 : 1;
                return c;
            }
            c = ValueComparison.compare(x, i, y, j);
            if (c != 0) {
                return key.ascending() ? c : -c;
            }
        }
        return 0;
    }
}
