package io.junction.federation;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * The cost of a federated plan, in bytes moved. Fetching rows from a source (the wire and decoding them) is what
 * makes a federated query slow, not the joins, so one unit is one byte of payload fetched from a source, and the
 * work a source or Junction does per row is priced at the bytes that take about as long to fetch.
 *
 * <ul>
 * <li>A fragment (the work one source does as one statement) costs a fixed amount per statement, the bytes of its
 *     output (estimated rows × estimated row width from the column types, see {@link ValueWidths}), and a small
 *     amount per row the source handles inside the statement.</li>
 * <li>Junction's own operators cost per row they process: a hash join per row of its build side (the smaller
 *     input), of its probe side and of its output; a nested-loop join per pair of rows compared; filters,
 *     projections, aggregations and sorts per input row.</li>
 * </ul>
 * Costs of whole plans add up the costs of their parts; the figures are relative and only compare plans.
 */
public final class FederatedCostModel {
    /** A round trip and the source's parsing and planning of one statement. */
    static final double STATEMENT_COST = 5_000;
    /** Per row a source reads, joins or returns inside a statement: small, the source is fast and works concurrently. */
    static final double SOURCE_ROW_COST = 0.25;
    /** Per row Junction inserts into a hash table. */
    static final double BUILD_ROW_COST = 6;
    /** Per row Junction looks up in a hash table. */
    static final double PROBE_ROW_COST = 2;
    /** Per row an operator of Junction returns. */
    static final double OUTPUT_ROW_COST = 1;
    /** Per pair of rows a nested-loop join compares. */
    static final double PAIR_COST = 0.1;
    /** Per input row of a local filter or projection. */
    static final double ROW_COST = 0.5;
    /** Per input row of a local aggregation (a hash lookup and accumulation). */
    static final double GROUP_ROW_COST = 3;
    /** Bytes of a key shipped to a source by a bind join. */
    static final double KEY_WIDTH = 8;
    /** Per input row and comparison level (log2 of the rows) of a local sort. */
    static final double SORT_ROW_COST = 1;

    private FederatedCostModel() {
    }

    /**
     * One statement a source runs: {@code rows} of {@code rowWidth} bytes fetched, the source handling
     * {@code sourceRows} rows to produce them.
     */
    public static double fragment(double rows, double rowWidth, double sourceRows) {
        return STATEMENT_COST + rows * rowWidth + SOURCE_ROW_COST * sourceRows;
    }

    /** A hash join in Junction, without its inputs' cost: the smaller input builds, the larger probes. */
    public static double hashJoin(double leftRows, double rightRows, double outputRows) {
        return BUILD_ROW_COST * Math.min(leftRows, rightRows) + PROBE_ROW_COST * Math.max(leftRows, rightRows)
                + OUTPUT_ROW_COST * outputRows;
    }

    /** A join without equality keys in Junction, comparing every pair of rows, without its inputs' cost. */
    public static double nestedLoopJoin(double leftRows, double rightRows, double outputRows) {
        return BUILD_ROW_COST * Math.min(leftRows, rightRows) + PAIR_COST * leftRows * rightRows + OUTPUT_ROW_COST * outputRows;
    }

    /** The statement computing the subtree {@code node}: its output fetched, and every row of the subtree handled by the source. */
    public static double fragment(RelNode node, RelMetadataQuery mq) {
        return fragment(rows(node, mq), rowWidth(node), subtreeRows(node, mq));
    }

    /**
     * The probe side of a bind join: the statements computing {@code probe} for batches of at most
     * {@link BindJoinChoice#KEYS_PER_STATEMENT} of the build side's {@code keys}, shipping the keys and fetching
     * {@code rowsFetched} matching rows.
     */
    public static double boundFragment(RelNode probe, double rowsFetched, double keys) {
        return boundFragment(rowsFetched, rowWidth(probe), subtreeRows(probe, probe.getCluster().getMetadataQuery()), keys);
    }

    /**
     * The probe side of a bind join fetching {@code rowsFetched} rows of {@code rowWidth} bytes for {@code keys}
     * shipped keys; the source is charged the {@code sourceRows} of the whole fragment, as it may have no index on the
     * key to skip the rest with.
     */
    static double boundFragment(double rowsFetched, double rowWidth, double sourceRows, double keys) {
        double statements = Math.max(1, Math.ceil(keys / BindJoinChoice.KEYS_PER_STATEMENT));
        return fragment(rowsFetched, rowWidth, sourceRows) + (statements - 1) * STATEMENT_COST + keys * KEY_WIDTH;
    }

    private static double rowWidth(RelNode node) {
        return ValueWidths.estimatedRowWidth(FederationPlanner.outputTypes(node));
    }

    /** The rows every node of the subtree produces: what a source handles to compute it. */
    static double subtreeRows(RelNode node, RelMetadataQuery mq) {
        double rows = rows(node, mq);
        for (RelNode input : node.getInputs()) {
            rows += subtreeRows(input, mq);
        }
        return rows;
    }

    /** The cost of {@code node}'s own work when Junction runs it, without its inputs' cost. */
    public static double localOperator(RelNode node, RelMetadataQuery mq) {
        double rows = rows(node, mq);
        if (node instanceof Join join) {
            double left = rows(join.getLeft(), mq);
            double right = rows(join.getRight(), mq);
            return JoinInfo.createWithStrictEquality(join.getLeft(), join.getRight(), join.getCondition()).leftKeys.isEmpty()
                    ? nestedLoopJoin(left, right, rows) : hashJoin(left, right, rows);
        }
        double inputRows = node.getInputs().stream().mapToDouble(in -> rows(in, mq)).sum();
        if (node instanceof Aggregate) {
            return GROUP_ROW_COST * inputRows + OUTPUT_ROW_COST * rows;
        }
        if (node instanceof Sort sort && !sort.getCollation().getFieldCollations().isEmpty()) {
            return SORT_ROW_COST * inputRows * Math.max(1, Math.log(Math.max(inputRows, 1)) / Math.log(2));
        }
        return ROW_COST * Math.max(inputRows, rows);
    }

    /** Calcite's row estimate, or 1 when it has none. */
    static double rows(RelNode node, RelMetadataQuery mq) {
        Double rows = mq.getRowCount(node);
        return rows == null ? 1 : Math.max(1, rows);
    }
}
