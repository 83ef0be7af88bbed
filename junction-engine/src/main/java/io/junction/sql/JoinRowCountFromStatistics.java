package io.junction.sql;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMdRowCount;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rex.RexNode;

import java.util.List;

/**
 * Row counts of inner equi-joins from the distinct counts of their keys: joining R and S on {@code a = b} gives
 * about {@code |R| * |S| / max(ndv(a), ndv(b))} rows (every value of the key with fewer values is assumed to find
 * its matches among the other's), times the fraction of each key that is not NULL, since NULL keys never match
 * (from the source's null fractions, see {@link NullFractions}). Calcite's default instead multiplies the inputs by a fixed selectivity per
 * predicate. Only joins above a table with source statistics are estimated this way, and only when at least one
 * side's distinct count is known ({@link ColumnDomains#forJoinKey}: an unknown side is taken as a foreign key over
 * the known side's whole column); every other row count is Calcite's. The join ordering's own
 * estimates ({@code JoinCardinality}) follow the same rules, so the order it chooses is planned for execution with
 * about the same row counts.
 */
public final class JoinRowCountFromStatistics extends RelMdRowCount {
    private static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
            ReflectiveRelMetadataProvider.reflectiveSource(
                    new JoinRowCountFromStatistics(), BuiltInMetadata.RowCount.Handler.class),
            ReflectiveRelMetadataProvider.reflectiveSource(
                    new SelectivityFromStatistics(), BuiltInMetadata.Selectivity.Handler.class),
            DefaultRelMetadataProvider.INSTANCE));

    private JoinRowCountFromStatistics() {
    }

    /**
     * Makes the cluster's metadata queries use these join estimates and the selectivities of
     * {@link SelectivityFromStatistics} (and Calcite's defaults for the rest).
     */
    public static void install(RelOptCluster cluster) {
        cluster.setMetadataProvider(PROVIDER);
        JaninoRelMetadataProvider handlers = JaninoRelMetadataProvider.of(PROVIDER);
        cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(handlers));
    }

    @Override
    public Double getRowCount(Join join, RelMetadataQuery mq) {
        Double calcite = super.getRowCount(join, mq);
        if (join.getJoinType() != JoinRelType.INNER) {
            return calcite;
        }
        JoinInfo keys = join.analyzeCondition();
        if (keys.leftKeys.isEmpty() || !readsTableWithStatistics(join)) {
            return calcite;
        }
        Double leftRows = mq.getRowCount(join.getLeft());
        Double rightRows = mq.getRowCount(join.getRight());
        Double leftDistinct = mq.getDistinctRowCount(join.getLeft(), keys.leftSet(), null);
        Double rightDistinct = mq.getDistinctRowCount(join.getRight(), keys.rightSet(), null);
        if (leftRows == null || rightRows == null || leftDistinct == null && rightDistinct == null) {
            return calcite;
        }
        Double keyValues = ColumnDomains.forJoinKey(join.getLeft(), keys.leftKeys, leftDistinct, join.getRight(), keys.rightKeys,
                rightDistinct, mq);
        double rows = leftRows * rightRows / keyValues;
        for (int k = 0; k < keys.leftKeys.size(); k++) {
            rows *= NullFractions.nonNull(join.getLeft(), keys.leftKeys.get(k), mq) * NullFractions.nonNull(join.getRight(), keys.rightKeys.get(k), mq);
        }
        if (!keys.isEqui()) {
            RexNode rest = keys.getRemaining(join.getCluster().getRexBuilder());
            rows *= SelectivityGuess.of(rest);
        }
        return Math.max(rows, 1);
    }

    private static boolean readsTableWithStatistics(RelNode rel) {
        if (rel instanceof TableScan scan) {
            SourceTable table = scan.getTable().unwrap(SourceTable.class);
            return table != null && table.statistics().map(s -> !s.columns().isEmpty()).orElse(false);
        }
        return rel.getInputs().stream().anyMatch(JoinRowCountFromStatistics::readsTableWithStatistics);
    }
}
