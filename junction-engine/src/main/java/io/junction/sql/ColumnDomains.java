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
     * The distinct values an equi-join on key columns {@code keysA} of {@code relA} and {@code keysB} of {@code relB}
     * divides its pairs by, given each side's distinct count of its key after its filters ({@code distinctA},
     * {@code distinctB}, null where unknown); null when neither is known. A key of one column follows {@link #forKey}
     * and {@link #forKeyWithOneSideUnknown}; a composite key takes the larger count, or the one known (the unknown
     * side as a foreign key into the known one). Both the
     * planner's row counts ({@link JoinRowCountFromStatistics}) and the join ordering's read the key this way, so
     * the order chosen is planned for execution with the same estimates.
     */
    public static Double forJoinKey(RelNode relA, List<Integer> keysA, Double distinctA, RelNode relB, List<Integer> keysB,
                                    Double distinctB, RelMetadataQuery mq) {
        if (distinctA == null && distinctB == null) {
            return null;
        }
        if (keysA.size() == 1) {
            if (distinctA != null && distinctB != null) {
                return forKey(relA, keysA.get(0), distinctA, relB, keysB.get(0), distinctB, mq);
            }
            return distinctA != null ? forKeyWithOneSideUnknown(relA, keysA.get(0), distinctA, mq)
                    : forKeyWithOneSideUnknown(relB, keysB.get(0), distinctB, mq);
        }
        return Math.max(1, Math.max(distinctA == null ? 1 : distinctA, distinctB == null ? 1 : distinctB));
    }

    /**
     * The distinct values an equality join on one column divides its pairs by when both sides' distinct counts after
     * their filters are known: the larger of the two, and at least the whole column's distinct values on a side whose
     * column is unique in its table (a primary key). On such a side the count after its filters equals its rows, so
     * dividing by it would cancel the side's own filter: a quarter's orders joined with lineitem came out at every
     * lineitem row, 2.0M for 115K (TPC-H Q10), as PostgreSQL samples l_orderkey at 370,000 values where there are
     * 1.5M. Each row of the other side meets at most one row of the whole table, and the filter keeps its share.
     */
    private static double forKey(RelNode relA, int fieldA, double distinctA, RelNode relB, int fieldB, double distinctB,
                                 RelMetadataQuery mq) {
        return Math.max(1, Math.max(Math.max(distinctA, distinctB),
                Math.max(uniqueColumnValues(relA, fieldA, mq), uniqueColumnValues(relB, fieldB, mq))));
    }

    /** The distinct values of the table column {@code field} comes from when they are (nearly) one per row, else 0. */
    private static double uniqueColumnValues(RelNode rel, int field, RelMetadataQuery mq) {
        Double distinct = distinctValues(rel, field, mq);
        // a count means distinctValues found the table the column comes from unchanged
        return distinct != null && distinct >= UNIQUE_SHARE * mq.getColumnOrigin(rel, field).getOriginTable().getRowCount()
                ? distinct : 0;
    }

    /** Distinct values per row from which a column counts as unique: sampled counts of a key run a little low. */
    private static final double UNIQUE_SHARE = 0.9;

    /**
     * The distinct values an equality join on one column divides its pairs by when only {@code knownRel}'s side has a
     * distinct count ({@code knownDistinct}, its {@code knownField} after its filters): the other side is taken as a
     * foreign key ranging over the known side's whole column, so the larger of the two counts.
     */
    private static double forKeyWithOneSideUnknown(RelNode knownRel, int knownField, double knownDistinct, RelMetadataQuery mq) {
        Double domain = distinctValues(knownRel, knownField, mq);
        return Math.max(1, domain == null ? knownDistinct : Math.max(domain, knownDistinct));
    }
}
