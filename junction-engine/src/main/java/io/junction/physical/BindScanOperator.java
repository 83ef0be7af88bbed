package io.junction.physical;

import io.junction.connector.Connector;
import io.junction.connector.SourceQuery;
import io.junction.exec.operator.Operator;
import io.junction.federation.BindJoinChoice;
import io.junction.federation.InUnnestedArrayOperator;
import io.junction.federation.KeyArrayLiteral;
import io.junction.federation.FragmentSqlRenderer;
import io.junction.federation.SourceFragment;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.DateString;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The probe side of a bind join: instead of reading the whole fragment, it asks the source only for
 * rows whose join key is among the keys of the (small) build side, in statements of at most
 * {@link BindJoinChoice#KEYS_PER_STATEMENT} keys each, one statement after another, the keys as literals rendered by the
 * dialect (so no statement nears a parameter limit, and PostgreSQL's can be read with binary COPY). Sources that
 * compare a value with the elements of an array (PostgreSQL) get {@code key IN (SELECT * FROM unnest('{…}'::type[]))}
 * ({@link InUnnestedArrayOperator}, {@link KeyArrayLiteral}), which their planner can turn into a hash semi-join; the
 * others {@code key IN (…)}.
 */
final class BindScanOperator implements Operator {
    private final SourceFragment base;
    private final int keyField;
    private final KeyCollectingOperator keySource;
    /** Keys of joins further up, on other fields of the fragment ({@link #alsoFilterBy}); one statement's worth each. */
    private final List<StackedKeys> stacked = new ArrayList<>();
    /** The stacked keys' conditions, added to every statement; built when the scan is first pulled. */
    private final List<RexNode> stackedConditions = new ArrayList<>();
    private final RexBuilder rexBuilder;
    private final QueryExecution execution;
    private List<List<Object>> keyBatches;
    private int nextKeyBatch;
    private BatchStream current;
    private int statements;

    BindScanOperator(SourceFragment base, int keyField, KeyCollectingOperator keySource, RexBuilder rexBuilder,
                     QueryExecution execution) {
        this.base = base;
        this.keyField = keyField;
        this.keySource = keySource;
        this.rexBuilder = rexBuilder;
        this.execution = execution;
    }

    /**
     * Also asks for only the rows whose {@code field} is among {@code keys}, the build side of a join above this scan's
     * own that drops the rows without a match as well (its probe side leads here through inner joins, projections and
     * filters). The caller guarantees that {@code keys} are complete before this scan is first pulled: nothing between
     * that join and this scan reads ahead. A key set larger than one statement takes is not applied, as the join above
     * drops those rows anyway.
     */
    void alsoFilterBy(int field, KeyCollectingOperator keys) {
        stacked.add(new StackedKeys(field, keys));
    }

    private record StackedKeys(int field, KeyCollectingOperator source) {
    }

    @Override
    public Batch next() {
        if (keyBatches == null) {
            List<Object> keys = keySource.keys();
            for (StackedKeys more : stacked) {
                List<Object> moreKeys = more.source().keys();
                if (moreKeys.isEmpty()) {
                    keyBatches = List.of(); // the join above matches nothing
                    return null;
                }
                if (moreKeys.size() <= BindJoinChoice.KEYS_PER_STATEMENT) {
                    stackedConditions.add(keyCondition(base.subtree(), more.field(), moreKeys));
                }
            }
            keyBatches = new ArrayList<>();
            for (int from = 0; from < keys.size(); from += BindJoinChoice.KEYS_PER_STATEMENT) {
                keyBatches.add(keys.subList(from, Math.min(keys.size(), from + BindJoinChoice.KEYS_PER_STATEMENT)));
            }
        }
        while (true) {
            if (current != null) {
                Batch b = current.next();
                if (b != null) {
                    return b;
                }
                current.close();
                current = null;
            }
            if (nextKeyBatch >= keyBatches.size()) {
                return null;
            }
            current = execution.open(boundFragment(keyBatches.get(nextKeyBatch++)));
            statements++;
        }
    }

    /** The source's element type name when it gets the keys of {@code field} as one array, else empty (an IN list). */
    private Optional<String> arrayElementType(int field) {
        return base.connector().dialect().orElseThrow().keyArrayElementType(base.query().outputTypes().get(field));
    }

    private SourceFragment boundFragment(List<Object> keys) {
        RelNode rel = base.subtree();
        List<RexNode> conditions = new ArrayList<>();
        conditions.add(keyCondition(rel, keyField, keys));
        conditions.addAll(stackedConditions);
        RelNode filtered = LogicalFilter.create(rel, RexUtil.composeConjunction(rexBuilder, conditions));
        String sql = FragmentSqlRenderer.render(filtered, base.connector().dialect().orElseThrow().calciteDialect());
        return new SourceFragment(base.connector(), new SourceQuery.Sql(sql, base.query().outputTypes()), filtered);
    }

    /** {@code rel}'s {@code field} is one of {@code keys}. */
    private RexNode keyCondition(RelNode rel, int field, List<Object> keys) {
        RelDataType keyType = rel.getRowType().getFieldList().get(field).getType();
        RexNode key = rexBuilder.makeInputRef(rel, field);
        Optional<String> elementType = arrayElementType(field);
        return elementType.isPresent()
                ? rexBuilder.makeCall(new InUnnestedArrayOperator(elementType.get()), key, keyArray(keys, keyType))
                : rexBuilder.makeIn(key, literals(keys, keyType));
    }

    /** The keys as one array: a literal of its text where {@link KeyArrayLiteral} writes it, else a constructor. */
    private RexNode keyArray(List<Object> keys, RelDataType keyType) {
        return KeyArrayLiteral.of(keys).<RexNode>map(rexBuilder::makeLiteral)
                .orElseGet(() -> rexBuilder.makeCall(rexBuilder.getTypeFactory().createArrayType(keyType, -1),
                        SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR, literals(keys, keyType)));
    }

    private List<RexNode> literals(List<Object> keys, RelDataType keyType) {
        List<RexNode> literals = new ArrayList<>(keys.size());
        for (Object key : keys) {
            literals.add(literal(key, keyType));
        }
        return literals;
    }

    /** A key as a literal of the key column's type; every type {@link BindJoinChoice} ships keys of is handled here. */
    private RexNode literal(Object key, RelDataType type) {
        RelDataType notNull = rexBuilder.getTypeFactory().createTypeWithNullability(type, false);
        return switch (key) {
            case Integer i -> rexBuilder.makeExactLiteral(BigDecimal.valueOf(i), notNull);
            case Long l -> rexBuilder.makeExactLiteral(BigDecimal.valueOf(l), notNull);
            case BigDecimal d -> rexBuilder.makeExactLiteral(d, notNull);
            case String s -> rexBuilder.makeLiteral(s, notNull, false);
            case LocalDate d -> rexBuilder.makeDateLiteral(new DateString(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
            default -> throw new IllegalStateException("bind join keys of " + key.getClass() + " are not supported");
        };
    }

    @Override
    public List<JunctionType> outputTypes() {
        return base.query().outputTypes();
    }

    @Override
    public String describe() {
        Connector c = base.connector();
        return "BindScan[" + c.name() + " (" + c.type().configName() + "), keys of $" + keyField
                + " from the build side, at most " + BindJoinChoice.KEYS_PER_STATEMENT + " per statement"
                + (keyBatches == null ? "" : ", " + statements + " statements") + "]\n"
                + FragmentSqlRenderer.render(base.subtree(), c.dialect().orElseThrow().calciteDialect()) + "\n  + WHERE "
                + keyFilterText(keyField)
                + stacked.stream().map(more -> " AND " + keyFilterText(more.field()) + " (keys of a join above)").collect(Collectors.joining());
    }

    private String keyFilterText(int field) {
        return "$" + field + arrayElementType(field).map(t -> " IN (SELECT * FROM unnest(<keys>::" + t + "[]))").orElse(" IN (<keys>)");
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
