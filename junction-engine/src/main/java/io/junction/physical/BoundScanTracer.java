package io.junction.physical;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, for a column of a join's probe side, the bind scan further down that reads it from its source, so that the
 * join's build-side keys can filter that scan too ({@link BindScanOperator#alsoFilterBy}): TPC-H Q7 binds the French
 * and German suppliers to lineitem ⋈ orders and joins the result with those nations' customers in Junction; with the
 * customers' keys in the same statement PostgreSQL drives its plan from them, as it does for the whole query.
 *
 * <p>The trace follows a column down through projections of it (or of it widened to a larger integer type), filters, either side of inner joins, and the left
 * side of left, semi- and anti-joins: every row of those inputs that lacks a key of the join above yields only rows
 * that lack it too, which the join above drops. It gives up at a node read ahead on another thread (which could pull
 * the scan before the join above has read its keys) and at a subtree planned more than once.
 */
final class BoundScanTracer {
    /** A bind scan and the index of the traced column among its fragment's output columns. */
    record Traced(BindScanOperator scan, RelNode fragment, int field) {
    }

    private final Map<RelNode, BindScanOperator> boundScans = new IdentityHashMap<>();
    private final Set<RelNode> ambiguous = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<RelNode> readAhead = Collections.newSetFromMap(new IdentityHashMap<>());

    /** {@code scan} reads {@code fragment}'s rows, filtered by a bind join's keys. */
    void bound(RelNode fragment, BindScanOperator scan) {
        if (boundScans.putIfAbsent(fragment, scan) != null) {
            ambiguous.add(fragment);
        }
    }

    /** {@code rel}'s operator is pulled on another thread from the query's start. */
    void readAhead(RelNode rel) {
        readAhead.add(rel);
    }

    /** The bind scan computing {@code rel}'s {@code field}, if the trace reaches one. */
    Optional<Traced> trace(RelNode rel, int field) {
        if (readAhead.contains(rel) || ambiguous.contains(rel)) {
            return Optional.empty();
        }
        BindScanOperator scan = boundScans.get(rel);
        if (scan != null) {
            return Optional.of(new Traced(scan, rel, field));
        }
        return switch (rel) {
            case Project p when p.getProjects().get(field) instanceof RexInputRef ref -> trace(p.getInput(), ref.getIndex());
            case Project p when widenedInteger(p.getProjects().get(field)) instanceof RexInputRef ref -> trace(p.getInput(), ref.getIndex());
            case Filter f -> trace(f.getInput(), field);
            case Join j -> {
                int leftWidth = j.getLeft().getRowType().getFieldCount();
                yield switch (j.getJoinType()) {
                    case INNER -> field < leftWidth ? trace(j.getLeft(), field) : trace(j.getRight(), field - leftWidth);
                    case LEFT, SEMI, ANTI -> field < leftWidth ? trace(j.getLeft(), field) : Optional.empty();
                    default -> Optional.empty();
                };
            }
            default -> Optional.empty();
        };
    }

    /**
     * The column an integer column is widened from ({@code CAST(int_column AS BIGINT)}, as key types are aligned),
     * else null: equal after the cast exactly when equal before, so keys of the wider type select the same rows.
     */
    private static RexNode widenedInteger(RexNode expression) {
        if (expression.getKind() != SqlKind.CAST || !(((RexCall) expression).getOperands().get(0) instanceof RexInputRef ref)) {
            return null;
        }
        int from = INTEGER_WIDTHS.indexOf(ref.getType().getSqlTypeName());
        int to = INTEGER_WIDTHS.indexOf(expression.getType().getSqlTypeName());
        return from >= 0 && to >= from ? ref : null;
    }

    private static final List<SqlTypeName> INTEGER_WIDTHS = List.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT);
}
