package io.junction.federation;

import io.junction.connector.SourceDialect;
import io.junction.sql.SourceTable;
import io.junction.types.TextCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.util.ImmutableBitSet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a source computes a plan node exactly as Junction would. Two checks: every operator and
 * aggregate must be in the source's capability table ({@link SourceDialect#canEvaluate}), and every
 * comparison, grouping or ordering of text must be safe under the collation of the columns the text
 * comes from (traced through the plan with Calcite's column-origin metadata): equality needs a
 * collation that never equates different strings, ordering needs code-point order.
 */
final class PushdownCheck {
    private static final Set<SqlKind> ORDERING = Set.of(SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL,
            SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.BETWEEN, SqlKind.SEARCH);
    private static final Set<SqlKind> EQUALITY = Set.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.IN, SqlKind.NOT_IN,
            SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.LIKE, SqlKind.SIMILAR, SqlKind.POSITION,
            SqlKind.NULLIF);

    private PushdownCheck() {
    }

    /** Whether {@code node}'s own work (not its inputs') can run in a source of {@code dialect}. */
    static boolean canPush(RelNode node, SourceDialect dialect) {
        if (node instanceof Filter filter) {
            return canEvaluate(filter.getCondition(), filter.getInput(), dialect);
        }
        if (node instanceof Project project) {
            return project.getProjects().stream().allMatch(e -> canEvaluate(e, project.getInput(), dialect));
        }
        if (node instanceof Join join) {
            return canEvaluate(join.getCondition(), joinFields(join), dialect);
        }
        if (node instanceof Aggregate aggregate) {
            return canAggregate(aggregate, dialect);
        }
        if (node instanceof Sort sort) {
            for (RelFieldCollation c : sort.getCollation().getFieldCollations()) {
                if (!collationAllows(sort.getInput(), ImmutableBitSet.of(c.getFieldIndex()), true)) {
                    return false;
                }
            }
            return true;
        }
        if (node instanceof SetOp setOp) {
            // UNION, INTERSECT and EXCEPT without ALL compare whole rows
            return setOp.all || setOp.getInputs().stream().allMatch(in ->
                    collationAllows(in, ImmutableBitSet.range(in.getRowType().getFieldCount()), false));
        }
        return true;
    }

    /** Where field i of the rows an expression reads comes from: a node and its field. */
    private interface FieldSource {
        RelNode node(int field);

        int index(int field);
    }

    private static FieldSource fieldsOf(RelNode rel) {
        return new FieldSource() {
            public RelNode node(int field) {
                return rel;
            }

            public int index(int field) {
                return field;
            }
        };
    }

    /** A join condition reads the left input's fields followed by the right input's. */
    private static FieldSource joinFields(Join join) {
        int leftCount = join.getLeft().getRowType().getFieldCount();
        return new FieldSource() {
            public RelNode node(int field) {
                return field < leftCount ? join.getLeft() : join.getRight();
            }

            public int index(int field) {
                return field < leftCount ? field : field - leftCount;
            }
        };
    }

    /**
     * Whether a source can evaluate {@code expression} over the rows of {@code inputs} joined: field i is field i of
     * the first input, then the second input's fields follow, and so on (a condition of a join of all of them).
     */
    static boolean canEvaluate(RexNode expression, List<RelNode> inputs, SourceDialect dialect) {
        int[] starts = new int[inputs.size()];
        for (int i = 1; i < starts.length; i++) {
            starts[i] = starts[i - 1] + inputs.get(i - 1).getRowType().getFieldCount();
        }
        return canEvaluate(expression, new FieldSource() {
            public RelNode node(int field) {
                return inputs.get(inputOf(field));
            }

            public int index(int field) {
                return field - starts[inputOf(field)];
            }

            private int inputOf(int field) {
                int i = java.util.Arrays.binarySearch(starts, field);
                if (i >= 0) {
                    // several inputs may start at the same field when some have no fields: the last of them holds it
                    while (i + 1 < starts.length && starts[i + 1] == field) {
                        i++;
                    }
                    return i;
                }
                return -i - 2;
            }
        }, dialect);
    }

    /** Divisions and remainders, which fail on a zero divisor in Junction but not in every source. */
    private static final Set<SqlKind> DIVISIONS = Set.of(SqlKind.DIVIDE, SqlKind.MOD);

    /**
     * Whether a source that does not follow PostgreSQL on edge values ({@link SourceDialect#postgresEdgeValues})
     * still computes {@code call} as Junction does: a division by a constant other than zero, a substring from a
     * constant start of at least 1 for a constant length of at least 0, and every other call.
     */
    private static boolean agreesOnEdgeValues(RexCall call) {
        if (DIVISIONS.contains(call.getKind())) {
            return constantAtLeast(call.getOperands().get(1), null);
        }
        if (call.getOperator().getName().equalsIgnoreCase("SUBSTRING")) {
            return constantAtLeast(call.getOperands().get(1), BigDecimal.ONE)
                    && (call.getOperands().size() < 3 || constantAtLeast(call.getOperands().get(2), BigDecimal.ZERO));
        }
        return true;
    }

    /**
     * A numeric constant of at least {@code minimum}, or other than zero when {@code minimum} is null; NULL counts,
     * as it makes the result NULL everywhere.
     */
    private static boolean constantAtLeast(RexNode operand, BigDecimal minimum) {
        if (!(RexUtil.removeCast(operand) instanceof RexLiteral literal)) {
            return false;
        }
        if (literal.isNull()) {
            return true;
        }
        try {
            BigDecimal value = literal.getValueAs(BigDecimal.class);
            return value != null && (minimum == null ? value.signum() != 0 : value.compareTo(minimum) >= 0);
        } catch (RuntimeException notANumber) {
            return false;
        }
    }

    /** Whether a source can evaluate {@code expression} over the rows of {@code input}. */
    static boolean canEvaluate(RexNode expression, RelNode input, SourceDialect dialect) {
        return canEvaluate(expression, fieldsOf(input), dialect);
    }

    private static boolean canEvaluate(RexNode expression, FieldSource fields, SourceDialect dialect) {
        Boolean[] ok = {true};
        expression.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitCall(RexCall call) {
                if (!ok[0]) {
                    return null;
                }
                List<RelDataType> operandTypes = new ArrayList<>();
                call.getOperands().forEach(o -> operandTypes.add(o.getType()));
                if (!dialect.canEvaluate(call.getOperator(), operandTypes, call.getType())
                        || !dialect.postgresEdgeValues() && !agreesOnEdgeValues(call)) {
                    ok[0] = false;
                    return null;
                }
                boolean textOperands = call.getOperands().stream().anyMatch(PushdownCheck::isText);
                if (textOperands && (ORDERING.contains(call.getKind()) || EQUALITY.contains(call.getKind()))) {
                    boolean ordering = ORDERING.contains(call.getKind()) && !isPointSearch(call);
                    for (int ref : refsOf(call)) {
                        if (!collationAllows(fields.node(ref), ImmutableBitSet.of(fields.index(ref)), ordering)) {
                            ok[0] = false;
                            return null;
                        }
                    }
                }
                return super.visitCall(call);
            }
        });
        return ok[0];
    }

    private static boolean canAggregate(Aggregate aggregate, SourceDialect dialect) {
        RelNode input = aggregate.getInput();
        if (!collationAllows(input, aggregate.getGroupSet(), false)) {
            return false;
        }
        for (AggregateCall call : aggregate.getAggCallList()) {
            List<RelDataType> types = new ArrayList<>();
            for (int arg : call.getArgList()) {
                types.add(input.getRowType().getFieldList().get(arg).getType());
            }
            if (call.filterArg >= 0 || !dialect.canEvaluate(call.getAggregation(), types, call.getType())) {
                return false;
            }
            ImmutableBitSet args = ImmutableBitSet.of(call.getArgList());
            boolean ordering = call.getAggregation().getKind() == SqlKind.MIN || call.getAggregation().getKind() == SqlKind.MAX;
            if ((ordering || call.isDistinct()) && !collationAllows(input, args, ordering)) {
                return false;
            }
        }
        return true;
    }

    static boolean collationAllowsEquality(RelNode rel, int field) {
        return collationAllows(rel, ImmutableBitSet.of(field), false);
    }

    /** A SEARCH over points (x IN ('a','b')) only needs equality, not ordering. */
    private static boolean isPointSearch(RexCall call) {
        if (call.getKind() != SqlKind.SEARCH) {
            return false;
        }
        var literal = (org.apache.calcite.rex.RexLiteral) call.getOperands().get(1);
        var sarg = literal.getValueAs(org.apache.calcite.util.Sarg.class);
        return sarg != null && (sarg.isPoints() || sarg.isComplementedPoints());
    }

    private static boolean isText(RexNode node) {
        return node.getType().getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER;
    }

    private static ImmutableBitSet refsOf(RexNode node) {
        ImmutableBitSet.Builder b = ImmutableBitSet.builder();
        node.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitInputRef(RexInputRef ref) {
                b.set(ref.getIndex());
                return null;
            }
        });
        return b.build();
    }

    /**
     * Whether the text columns among {@code fields} of {@code rel} come only from source columns whose
     * collation allows equality (and ordering, if asked). Non-text fields pass; text of unknown origin fails.
     */
    private static boolean collationAllows(RelNode rel, ImmutableBitSet fields, boolean ordering) {
        RelMetadataQuery mq = rel.getCluster().getMetadataQuery();
        for (int field : fields) {
            if (field >= rel.getRowType().getFieldCount()) {
                continue;
            }
            RelDataType type = rel.getRowType().getFieldList().get(field).getType();
            if (type.getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
                continue;
            }
            Set<RelColumnOrigin> origins = mq.getColumnOrigins(rel, field);
            if (origins == null) {
                return false;
            }
            for (RelColumnOrigin origin : origins) {
                SourceTable table = origin.getOriginTable().unwrap(SourceTable.class);
                if (table == null) {
                    return false;
                }
                TextCollation collation = table.metadata().columns().get(origin.getOriginColumnOrdinal()).collation();
                if (ordering ? !collation.pushesOrdering() : !collation.pushesEquality()) {
                    return false;
                }
            }
        }
        return true;
    }
}
