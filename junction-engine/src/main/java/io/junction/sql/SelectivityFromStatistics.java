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

import com.google.common.collect.Range;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Selectivities of predicates over a scan of a source table from the source's column statistics: IS NULL and
 * IS NOT NULL by the column's null fraction, equality with a literal (and IN lists of literals) by its distinct
 * count, the non-null rows assumed spread evenly over the values; ranges of numbers and dates by the share of the
 * column's span from minimum to maximum they cover. Other conjuncts, and columns the source keeps
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
            case SEARCH -> pointCount(call).map(points -> pointShare(points, stats)).orElseGet(() -> rangeShare(call, stats))
                    .map(share -> share * (1 - nullFraction));
            case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
                    comparisonShare(call, stats).map(share -> share * (1 - nullFraction));
            default -> Optional.empty();
        };
    }

    /** The share of a column's values that {@code points} of them take, by its distinct count. */
    private static Optional<Double> pointShare(int points, ColumnStatistics stats) {
        return stats.distinctCount().isPresent()
                ? Optional.of(Math.min(1, points / (double) Math.max(1, stats.distinctCount().getAsLong())))
                : Optional.empty();
    }

    /** {@link #rangeShare} for {@code column < literal} and the like, the column on the left. */
    private static Optional<Double> comparisonShare(RexCall call, ColumnStatistics stats) {
        if (!(RexUtil.removeCast(call.getOperands().get(1)) instanceof RexLiteral literal) || literal.isNull()) {
            return Optional.empty();
        }
        OptionalDouble bound = ColumnValuePosition.ofLiteral(literal);
        if (bound.isEmpty()) {
            return Optional.empty();
        }
        boolean below = call.getKind() == SqlKind.LESS_THAN || call.getKind() == SqlKind.LESS_THAN_OR_EQUAL;
        return Span.of(stats).map(span -> Math.max(oneValue(stats),
                span.share(below ? OptionalDouble.empty() : bound, below ? bound : OptionalDouble.empty())));
    }

    /**
     * The share of a column's values between its minimum and maximum that the ranges of a SEARCH take, the values
     * assumed spread evenly: {@code o_orderdate >= DATE '1993-10-01' AND o_orderdate < DATE '1994-01-01'} keeps 92 of
     * the 2,405 days between the first and last order, where Calcite guesses a quarter of the rows for any range.
     * Empty without a minimum and maximum of numbers or dates, or for a search over points.
     */
    private static Optional<Double> rangeShare(RexCall call, ColumnStatistics stats) {
        if (!(call.getOperands().get(1) instanceof RexLiteral literal)) {
            return Optional.empty();
        }
        Sarg<?> sarg = literal.getValueAs(Sarg.class);
        Optional<Span> span = Span.of(stats);
        if (sarg == null || span.isEmpty()) {
            return Optional.empty();
        }
        double total = 0;
        for (Range<?> range : sarg.rangeSet.asRanges()) {
            OptionalDouble from = range.hasLowerBound() ? ColumnValuePosition.of(range.lowerEndpoint()) : OptionalDouble.empty();
            OptionalDouble to = range.hasUpperBound() ? ColumnValuePosition.of(range.upperEndpoint()) : OptionalDouble.empty();
            if (range.hasLowerBound() && from.isEmpty() || range.hasUpperBound() && to.isEmpty()) {
                return Optional.empty();
            }
            total += span.get().share(from, to);
        }
        return Optional.of(Math.min(1, Math.max(oneValue(stats), total)));
    }

    /**
     * A column's values from its minimum to its maximum, as positions on one line. Ranges keep at least one value's
     * share of the rows (their callers see to it), as a range of one value (x >= max) still holds rows.
     */
    private record Span(double low, double high) {
        /** The span of a column with a minimum and maximum of numbers or dates that differ; else empty. */
        static Optional<Span> of(ColumnStatistics stats) {
            OptionalDouble min = stats.min().map(ColumnValuePosition::of).orElse(OptionalDouble.empty());
            OptionalDouble max = stats.max().map(ColumnValuePosition::of).orElse(OptionalDouble.empty());
            return min.isPresent() && max.isPresent() && max.getAsDouble() > min.getAsDouble()
                    ? Optional.of(new Span(min.getAsDouble(), max.getAsDouble())) : Optional.empty();
        }

        /** The share of the span between {@code from} and {@code to} (empty: unbounded). */
        double share(OptionalDouble from, OptionalDouble to) {
            return Math.max(0, Math.min(high, to.orElse(high)) - Math.max(low, from.orElse(low))) / (high - low);
        }
    }

    private static double oneValue(ColumnStatistics stats) {
        return stats.distinctCount().isPresent() ? 1.0 / Math.max(1, stats.distinctCount().getAsLong()) : 0;
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
