package io.junction.federation;

import io.junction.connector.Connector;
import io.junction.connector.SourceDialect;
import io.junction.connector.SourceQuery;
import io.junction.sql.SourceTable;
import io.junction.types.JunctionType;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Chooses how a fragment that is one table scan (a column selection, optionally filtered) is fetched: as one
 * statement, or divided by the source ({@link Connector#splitScan}) into parts read over several connections
 * at once.
 *
 * <p>Every part reads its whole range of the table, so splitting pays only when much of a large table is read;
 * a selective filter is better served by one statement that can use an index. The rule: split when the source
 * estimates the table at {@link #MIN_ROWS_TO_SPLIT} rows or more and the pushed filter is estimated (Calcite's
 * selectivity) to keep more than {@link #MAX_SINGLE_STATEMENT_SELECTIVITY} of them. The source may still
 * decline (too few pages, no integer key), and then the fragment stays one statement.
 */
final class ScanParallelism {
    static final long MIN_ROWS_TO_SPLIT = 500_000;
    static final double MAX_SINGLE_STATEMENT_SELECTIVITY = 0.2;

    private final int parts;

    /** @param parts most parts per scan; below 2 nothing is split */
    ScanParallelism(int parts) {
        this.parts = parts;
    }

    /** The split form of {@code fragment}, or empty when it is not a plain scan or one statement is better. */
    Optional<SourceQuery.ParallelScan> split(RelNode fragment, Connector connector, SourceDialect dialect, List<JunctionType> types) {
        if (parts < 2) {
            return Optional.empty();
        }
        ScanShape shape = ScanShape.of(fragment);
        if (shape == null || shape.columns.length == 0) {
            return Optional.empty();
        }
        SourceTable table = shape.scan.getTable().unwrap(SourceTable.class);
        if (table == null || table.metadata().rowCountEstimate().orElse(0) < MIN_ROWS_TO_SPLIT) {
            return Optional.empty();
        }
        RexNode condition = shape.conditions.isEmpty() ? null
                : RexUtil.composeConjunction(fragment.getCluster().getRexBuilder(), shape.conditions);
        if (condition != null) {
            Double selectivity = fragment.getCluster().getMetadataQuery().getSelectivity(shape.scan, condition);
            if (selectivity != null && selectivity <= MAX_SINGLE_STATEMENT_SELECTIVITY) {
                return Optional.empty();
            }
        }
        String filter = condition == null ? null : FragmentSqlRenderer.renderCondition(shape.scan, condition, dialect.calciteDialect());
        return connector.splitScan(new SourceQuery.Scan(table.metadata(), shape.columns, types), filter, parts);
    }

    /**
     * A fragment seen as {@code SELECT columns FROM table WHERE conditions}: the scan, the table column each
     * output column reads, and the filter conditions rewritten over the table's columns.
     */
    private record ScanShape(TableScan scan, int[] columns, List<RexNode> conditions) {
        /** Null when the fragment is anything but projections of plain columns and filters over one scan. */
        static ScanShape of(RelNode node) {
            if (node instanceof TableScan scan) {
                return new ScanShape(scan, IntStream.range(0, scan.getRowType().getFieldCount()).toArray(), List.of());
            }
            if (node instanceof Project project) {
                ScanShape inner = of(project.getInput());
                if (inner == null) {
                    return null;
                }
                int[] columns = new int[project.getProjects().size()];
                for (int i = 0; i < columns.length; i++) {
                    if (!(project.getProjects().get(i) instanceof RexInputRef ref)) {
                        return null;
                    }
                    columns[i] = inner.columns[ref.getIndex()];
                }
                return new ScanShape(inner.scan, columns, inner.conditions);
            }
            if (node instanceof Filter filter) {
                ScanShape inner = of(filter.getInput());
                if (inner == null) {
                    return null;
                }
                List<RexNode> conditions = new ArrayList<>(inner.conditions);
                conditions.add(filter.getCondition().accept(new RexShuttle() {
                    @Override
                    public RexNode visitInputRef(RexInputRef ref) {
                        int column = inner.columns[ref.getIndex()];
                        return new RexInputRef(column, inner.scan.getRowType().getFieldList().get(column).getType());
                    }
                }));
                return new ScanShape(inner.scan, inner.columns, conditions);
            }
            return null;
        }
    }
}
