package io.junction.sql;

import io.junction.connector.ColumnStatistics;
import io.junction.connector.TableStatistics;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.List;

/**
 * Distinct row counts of a scan of one source table from the source's column statistics, which Calcite asks
 * for through the table ({@code RelMdDistinctRowCount} unwraps this handler from a TableScan's table). Aggregate
 * and distinct estimates above the scan then follow the real number of groups instead of a tenth of the rows.
 *
 * <p>The groups of several columns are taken as the product of their distinct counts, capped at the row count
 * (columns are assumed independent). A column with NULLs has one group more. When a column has no distinct
 * count the answer is the primary key rule Calcite applies by default, or unknown.
 */
final class ColumnDistinctCounts implements BuiltInMetadata.DistinctRowCount.Handler {
    private final TableStatistics statistics;
    private final List<String> columnNames;
    private final List<ImmutableBitSet> keys;

    ColumnDistinctCounts(TableStatistics statistics, List<String> columnNames, List<ImmutableBitSet> keys) {
        this.statistics = statistics;
        this.columnNames = List.copyOf(columnNames);
        this.keys = List.copyOf(keys);
    }

    @Override
    public Double getDistinctRowCount(RelNode scan, RelMetadataQuery mq, ImmutableBitSet groupKey, RexNode predicate) {
        Double rows = mq.getRowCount(scan);
        if (groupKey.isEmpty()) {
            return 1.0;
        }
        Double selected = rows == null ? null : rows * SelectivityGuess.of(predicate);
        if (keys.stream().anyMatch(groupKey::contains)) {
            return selected;
        }
        double groups = 1;
        for (int column : groupKey) {
            if (column >= columnNames.size()) {
                return null;
            }
            ColumnStatistics stats = statistics.column(columnNames.get(column)).orElse(null);
            if (stats == null || stats.distinctCount().isEmpty()) {
                return null;
            }
            boolean hasNulls = stats.nullFraction().orElse(0) > 0;
            groups *= Math.max(1, stats.distinctCount().getAsLong() + (hasNulls ? 1 : 0));
        }
        if (rows != null) {
            groups = Math.min(groups, Math.max(rows, 1));
        }
        return predicate == null || selected == null ? groups : RelMdUtil.numDistinctVals(groups, selected);
    }
}
