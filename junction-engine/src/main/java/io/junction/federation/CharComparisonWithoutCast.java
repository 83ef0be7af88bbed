package io.junction.federation;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;

import java.util.ArrayList;
import java.util.List;

/**
 * Before a fragment is rendered as SQL, drops the {@code CAST(c AS VARCHAR)} that validation puts
 * around a CHAR column compared for equality with text literals ({@code l_shipmode IN ('AIR', 'AIR REG')}),
 * when no literal ends in a space. Every source compares CHAR values without their trailing padding,
 * which is what the cast does, so the answer is the same; but PostgreSQL converts every row's value
 * for the cast, which made TPC-H Q19's lineitem scan 2.3 times slower than the comparison without it.
 * Only the rendered statement changes; Junction's own plan keeps the cast.
 */
final class CharComparisonWithoutCast extends RelShuttleImpl {
    private static final RexShuttle CONDITION = new RexShuttle() {
        @Override
        public RexNode visitCall(RexCall call) {
            RexCall visited = (RexCall) super.visitCall(call);
            if (!visited.isA(List.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.SEARCH))) {
                return visited;
            }
            List<RexNode> operands = new ArrayList<>(visited.getOperands());
            boolean changed = false;
            for (int i = 0; i < operands.size(); i++) {
                RexNode column = uncastCharColumn(operands.get(i));
                if (column != null && othersAreUnpaddedText(operands, i)) {
                    operands.set(i, column);
                    changed = true;
                }
            }
            return changed ? visited.clone(visited.getType(), operands) : visited;
        }
    };

    @Override
    public RelNode visit(LogicalFilter filter) {
        LogicalFilter visited = (LogicalFilter) super.visit(filter);
        RexNode condition = visited.getCondition().accept(CONDITION);
        return condition == visited.getCondition() ? visited : visited.copy(visited.getTraitSet(), visited.getInput(), condition);
    }

    @Override
    public RelNode visit(LogicalJoin join) {
        LogicalJoin visited = (LogicalJoin) super.visit(join);
        RexNode condition = visited.getCondition().accept(CONDITION);
        return condition == visited.getCondition() ? visited
                : visited.copy(visited.getTraitSet(), condition, visited.getLeft(), visited.getRight(), visited.getJoinType(), visited.isSemiJoinDone());
    }

    /** The CHAR column under {@code CAST(column AS VARCHAR)}, or null when {@code node} is not that. */
    private static RexNode uncastCharColumn(RexNode node) {
        if (node.isA(SqlKind.CAST) && node.getType().getSqlTypeName() == SqlTypeName.VARCHAR
                && ((RexCall) node).getOperands().get(0) instanceof RexInputRef column
                && column.getType().getSqlTypeName() == SqlTypeName.CHAR) {
            return column;
        }
        return null;
    }

    private static boolean othersAreUnpaddedText(List<RexNode> operands, int except) {
        for (int i = 0; i < operands.size(); i++) {
            if (i != except && !(operands.get(i) instanceof RexLiteral literal && unpaddedText(literal))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unpaddedText(RexLiteral literal) {
        Object value = literal.getValue();
        if (value instanceof NlsString text) {
            return !text.getValue().endsWith(" ");
        }
        if (value instanceof Sarg<?> sarg && sarg.isPoints() && !sarg.nullAs.equals(org.apache.calcite.rex.RexUnknownAs.TRUE)) {
            for (var range : sarg.rangeSet.asRanges()) {
                if (!(range.lowerEndpoint() instanceof NlsString point) || point.getValue().endsWith(" ")) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code fragment} with such casts removed from its filter and join conditions. */
    static RelNode rewrite(RelNode fragment) {
        return fragment.accept(new CharComparisonWithoutCast());
    }
}
