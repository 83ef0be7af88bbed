package io.junction.sql;

import io.junction.connector.ColumnStatistics;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMdSelectivity;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;

import java.util.Optional;

/**
 * Selectivities of predicates over a scan of a source table from the source's column statistics: IS NULL and
 * IS NOT NULL by the column's null fraction, equality with a literal (and IN lists of literals) by its distinct
 * count, the non-null rows assumed spread evenly over the values. Other conjuncts, and columns the source keeps
 * no figures for, get Calcite's guesses. Filters above other nodes reach a scan through Calcite's handlers for
 * projections and filters, which rewrite the predicate over their input.
 */
public final class SelectivityFromStatistics extends RelMdSelectivity {
    SelectivityFromStatistics() {
    }

    public Double getSelectivity(TableScan scan, RelMetadataQuery mq, RexNode predicate) {
        if (predicate == null || predicate.isAlwaysTrue()) {
            return 1.0;
        }
        SourceTable table = scan.getTable().unwrap(SourceTable.class);
        if (table == null) {
            return SelectivityGuess.of(predicate);
        }
        double selectivity = 1;
        for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
            selectivity *= conjunctSelectivity(table, conjunct).orElseGet(() -> SelectivityGuess.of(conjunct));
        }
        return selectivity;
    }

    private static Optional<Double> conjunctSelectivity(SourceTable table, RexNode conjunct) {
        if (!(conjunct instanceof RexCall call) || call.getOperands().isEmpty()) {
            return Optional.empty();
        }
        Optional<ColumnStatistics> column = columnOf(table, call.getOperands().get(0));
        if (call.getOperands().size() == 2 && column.isEmpty() && call.getKind() == SqlKind.EQUALS) {
            column = columnOf(table, call.getOperands().get(1));
        }
        if (column.isEmpty()) {
            return Optional.empty();
        }
        ColumnStatistics stats = column.get();
        double nullFraction = stats.nullFraction().orElse(0);
        return switch (call.getKind()) {
            case IS_NULL -> stats.nullFraction().isPresent() ? Optional.of(nullFraction) : Optional.empty();
            case IS_NOT_NULL -> stats.nullFraction().isPresent() ? Optional.of(1 - nullFraction) : Optional.empty();
            case EQUALS -> literalOperand(call) && stats.distinctCount().isPresent()
                    ? Optional.of((1 - nullFraction) / Math.max(1, stats.distinctCount().getAsLong())) : Optional.empty();
            case SEARCH -> pointCount(call).isPresent() && stats.distinctCount().isPresent()
                    ? Optional.of(Math.min(1, pointCount(call).get() / (double) Math.max(1, stats.distinctCount().getAsLong())) * (1 - nullFraction))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The statistics of the column {@code operand} reads unchanged (casts aside), if the source keeps any. */
    private static Optional<ColumnStatistics> columnOf(SourceTable table, RexNode operand) {
        if (!(RexUtil.removeCast(operand) instanceof RexInputRef ref) || ref.getIndex() >= table.metadata().columns().size()) {
            return Optional.empty();
        }
        String name = table.metadata().columns().get(ref.getIndex()).name();
        return table.statistics().flatMap(s -> s.column(name));
    }

    private static boolean literalOperand(RexCall call) {
        return call.getOperands().stream().anyMatch(o -> RexUtil.removeCast(o) instanceof RexLiteral);
    }

    /** The number of values a SEARCH over points (x IN (...)) accepts; empty for ranges. */
    private static Optional<Integer> pointCount(RexCall call) {
        if (!(call.getOperands().get(1) instanceof RexLiteral literal)) {
            return Optional.empty();
        }
        Sarg<?> sarg = literal.getValueAs(Sarg.class);
        return sarg != null && sarg.isPoints() ? Optional.of(sarg.pointCount) : Optional.empty();
    }
}
