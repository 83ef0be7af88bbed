package io.junction.federation;

import io.junction.sql.SqlTypeMapping;
import io.junction.types.JunctionType;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * When a hash join Junction runs becomes a bind join: the build side's distinct keys are shipped to the probe side's
 * source, which returns only the rows with those keys instead of the whole fragment. The one definition both for the
 * execution planner, which builds the operator ({@link #chosen}), and for the join ordering, which prices a join as a
 * bind join exactly when the execution planner will make it one ({@link FederatedJoinCosting}, from its own row
 * estimates through {@link #pays}); were they to differ, the order chosen would be priced for operators never built.
 *
 * <p>A bind join gives up reading the probe side in parallel with the build side (the keys must all be known
 * first), so it is chosen only where it clearly pays: the build side is small, the probe side many times larger, and
 * the build side's keys are a small share of the probe side's, so the source leaves most of its rows behind.
 */
public final class BindJoinChoice {
    /** Keys per statement: under PostgreSQL's and MySQL's 65,535 bind-parameter limit even if a dialect binds them. */
    public static final int KEYS_PER_STATEMENT = 65_536;
    /** Largest estimated build side whose keys are shipped to the other source. */
    static final double MAX_BUILD_ROWS = 100_000;
    /** How much larger the probe side must be estimated for shipping keys to pay. */
    static final double MIN_PROBE_RATIO = 10;
    /**
     * Largest estimated share of the probe side's key values that the build side's keys may cover: above it, the
     * keys filter out too little to pay for giving up a parallel scan (TPC-H Q7 and Q9 shipped all 10,000 supplier
     * keys to lineitem, which kept every row).
     */
    static final double MAX_KEY_COVERAGE = 0.5;

    private BindJoinChoice() {
    }

    /**
     * Whether the execution planner binds the inner (or otherwise probe-row-dropping) join of {@code build} with
     * {@code probe} on the single key pair {@code buildKey = probeKey}, from Calcite's estimates of the two inputs.
     */
    public static boolean chosen(RelNode build, int buildKey, RelNode probe, int probeKey, FederationPlanner federation) {
        RelMetadataQuery mq = probe.getCluster().getMetadataQuery();
        Double buildRows = mq.getRowCount(build);
        Double probeRows = mq.getRowCount(probe);
        return buildRows != null && probeRows != null
                && pays(buildRows, probeRows, distinctValues(build, buildKey, mq), distinctValues(probe, probeKey, mq))
                && canShipKeys(probe, probeKey) && isSqlFragment(probe, federation);
    }

    /**
     * Whether shipping the keys pays, from estimated rows and distinct key values of both sides (null where
     * unknown): the build side is small, the probe side at least {@value #MIN_PROBE_RATIO} times larger, and the
     * build side's keys cover at most {@value #MAX_KEY_COVERAGE} of the probe side's key values.
     */
    static boolean pays(double buildRows, double probeRows, Double buildKeys, Double probeKeys) {
        return buildRows <= MAX_BUILD_ROWS && probeRows >= MIN_PROBE_RATIO * buildRows
                && keyCoverage(buildKeys, probeKeys) <= MAX_KEY_COVERAGE;
    }

    /**
     * Whether a join whose probe side already reads a bind scan should add its build side's keys to that scan's
     * statements: the build side is small enough to collect and its keys are known to cover at most
     * {@value #MAX_KEY_COVERAGE} of the scanned column's values. No ratio of rows is asked for, as the scan is bound
     * anyway: the keys only narrow it. Unknown distinct values of the column say no, as nothing else guards the choice
     * (TPC-H Q5 would have added all 25 nations of the suppliers to the customers bound by the region's 5).
     */
    public static boolean stackingPays(double buildRows, Double buildKeys, Double probeKeys) {
        return buildRows <= MAX_BUILD_ROWS && probeKeys != null
                && keyCoverage(keysShipped(buildRows, buildKeys), probeKeys) <= MAX_KEY_COVERAGE;
    }

    /**
     * Estimated share of the probe side's distinct key values that occur among the build side's keys: distinct build
     * keys over distinct probe keys, at most 1. Unknown distinct counts give 0, which leaves the choice to the row
     * counts.
     */
    static double keyCoverage(Double buildKeys, Double probeKeys) {
        if (buildKeys == null || probeKeys == null || probeKeys <= 0) {
            return 0;
        }
        return Math.min(1, buildKeys / probeKeys);
    }

    /**
     * Whether {@code rel}'s source can be asked for the rows whose {@code field} is one of given keys: keys of the
     * field's type can be written as literals or array elements (see {@code BindScanOperator}), and the source's
     * collation compares them exactly as Junction would.
     */
    public static boolean canShipKeys(RelNode rel, int field) {
        JunctionType type = SqlTypeMapping.toJunctionType(rel.getRowType().getFieldList().get(field).getType());
        boolean shippableType = type.kind().isInteger() || switch (type.kind()) {
            case DECIMAL, CHAR, VARCHAR, DATE -> true;
            default -> false;
        };
        return shippableType && PushdownCheck.collationAllowsEquality(rel, field);
    }

    /** Whether {@code rel} is computed by one statement of a SQL source, which a key filter can be added to. */
    private static boolean isSqlFragment(RelNode rel, FederationPlanner federation) {
        return federation.pushdownEnabled() && federation.fragmentAt(rel).map(f -> f.connector().dialect().isPresent()).orElse(false);
    }

    /** Calcite's estimate of the distinct values of {@code rel}'s {@code field}, at most its rows; null when unknown. */
    public static Double distinctValues(RelNode rel, int field, RelMetadataQuery mq) {
        Double distinct = mq.getDistinctRowCount(rel, ImmutableBitSet.of(field), null);
        Double rows = mq.getRowCount(rel);
        if (distinct == null || rows == null) {
            return distinct;
        }
        return Math.min(distinct, rows);
    }

    /** Keys a build side of {@code buildRows} rows ships: its distinct key values where known, else one per row. */
    public static double keysShipped(double buildRows, Double buildKeys) {
        return buildKeys == null ? buildRows : Math.max(1, Math.min(buildRows, buildKeys));
    }

    /**
     * Estimated probe rows a bind join fetches: those with a key the build side has. The join returns
     * {@code joinRows} rows, each matched probe row once per build row of its key (on average
     * {@code buildRows / keys} of them); never more than the probe side has.
     */
    public static double rowsFetched(double probeRows, double joinRows, double buildRows, double keys) {
        return Math.max(1, Math.min(probeRows, joinRows * Math.min(1, keys / Math.max(1, buildRows))));
    }
}
