package io.junction.sql;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.List;

/**
 * The distinct values of the table column a field of a plan node comes from unchanged, as if no filter applied: the
 * values the column can take. Join estimates use it for the side of an equality whose own distinct count is
 * unknown, which is then taken to be a foreign key ranging over the other side's whole column: the other side's
 * distinct count after its filters (one region of five) says how many of those values survive, not how many exist.
 */
public final class ColumnDomains {
    private ColumnDomains() {
    }

    /** The distinct values of the table column {@code field} of {@code rel} comes from; null when computed or unknown. */
    public static Double distinctValues(RelNode rel, int field, RelMetadataQuery mq) {
        RelColumnOrigin origin = mq.getColumnOrigin(rel, field);
        if (origin == null || origin.isDerived()) {
            return null;
        }
        // a bare scan of the table: its distinct counts are the source's statistics of the column (or its key rule)
        RelNode scan = LogicalTableScan.create(rel.getCluster(), origin.getOriginTable(), List.of());
        return mq.getDistinctRowCount(scan, ImmutableBitSet.of(origin.getOriginColumnOrdinal()), null);
    }

    /**
     * The distinct values an equality join on one column divides its pairs by when only {@code knownRel}'s side has a
     * distinct count ({@code knownDistinct}, its {@code knownField} after its filters): the other side is taken as a
     * foreign key ranging over the known side's whole column, so the larger of the two counts.
     */
    public static double forKeyWithOneSideUnknown(RelNode knownRel, int knownField, double knownDistinct, RelMetadataQuery mq) {
        Double domain = distinctValues(knownRel, knownField, mq);
        return Math.max(1, domain == null ? knownDistinct : Math.max(domain, knownDistinct));
    }
}
