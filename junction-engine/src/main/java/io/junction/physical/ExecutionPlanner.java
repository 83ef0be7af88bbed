package io.junction.physical;

import io.junction.connector.Connector;
import io.junction.connector.SourceQuery;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.ExecutionContext;
import io.junction.exec.expr.Expression;
import io.junction.exec.expr.Expressions;
import io.junction.exec.expr.ScalarFunction;
import io.junction.exec.operator.AggregateFunction;
import io.junction.exec.operator.FilterOperator;
import io.junction.exec.operator.HashAggregateOperator;
import io.junction.exec.operator.HashJoinOperator;
import io.junction.exec.operator.JoinType;
import io.junction.exec.operator.LimitOperator;
import io.junction.exec.operator.NestedLoopJoinOperator;
import io.junction.exec.operator.Operator;
import io.junction.exec.operator.PrefetchOperator;
import io.junction.exec.operator.ProjectOperator;
import io.junction.exec.operator.SortKey;
import io.junction.exec.operator.SortOperator;
import io.junction.exec.operator.SetOperationOperator;
import io.junction.exec.operator.SourceScanOperator;
import io.junction.exec.operator.TopNOperator;
import io.junction.exec.operator.UnionAllOperator;
import io.junction.exec.operator.ValuesOperator;
import io.junction.federation.BindJoinChoice;
import io.junction.federation.FederatedCostModel;
import io.junction.federation.FederationPlanner;
import io.junction.federation.HashKeyTypes;
import io.junction.federation.SourceFragment;
import io.junction.types.JunctionType;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RepeatUnion;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.TableSpool;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a logical plan into a tree of executor operators. Each maximal part a source can compute
 * becomes a source scan (see {@link FederationPlanner}); the rest maps node by node onto Junction's
 * own operators.
 */
public final class ExecutionPlanner {
    private final FederationPlanner federation;
    private final RexBuilder rexBuilder;
    private final RexToExpression rex;
    private final QueryExecution execution;
    private final ExecutionContext context;
    /** Every source scan planned, in plan order, with its fragment (a bind join's replaced probe scan included). */
    private final Map<SourceScanOperator, SourceFragment> sourceScans = new LinkedHashMap<>();
    /** Probe sides that may be read ahead (see {@link #earlyWork}). */
    private final List<PrefetchOperator> prefetches = new ArrayList<>();
    /** Bind joins planned so far: a side planned while it grew holds one. */
    private int bindJoins;
    /** The bind scans planned and the subtrees read ahead, for joins above that add their keys to a scan. */
    private final BoundScanTracer boundScans = new BoundScanTracer();

    public ExecutionPlanner(FederationPlanner federation, RexBuilder rexBuilder, QueryExecution execution) {
        this(federation, rexBuilder, execution, ExecutionContext.standalone());
    }

    /** {@code context} (the query's memory budget, spill space and cancellation) goes to every operator that holds rows. */
    public ExecutionPlanner(FederationPlanner federation, RexBuilder rexBuilder, QueryExecution execution, ExecutionContext context) {
        this.federation = federation;
        this.context = context;
        this.execution = execution;
        this.rexBuilder = rexBuilder;
        this.rex = new RexToExpression(rexBuilder);
    }

    /**
     * The operator tree for {@code node}: a source scan where a source computes the subtree (with a
     * fallback to a less-pushed plan should the source reject the statement), Junction's operators
     * otherwise. Every operator is annotated with the planner's row estimate and counts what it returns.
     */
    public Operator plan(RelNode node) {
        if (node instanceof TableSpool spool) {
            // the transient table a spool fills is the working table RecursiveUnionOperator keeps itself
            return plan(spool.getInput());
        }
        var fragment = federation.fragmentAt(node);
        RelMetadataQuery mq = node.getCluster().getMetadataQuery();
        Operator op;
        double cost;
        if (fragment.isPresent()) {
            Operator pushed = sourceScan(fragment.get());
            op = node.getInputs().isEmpty() || FederationPlanner.isColumnSelectionOverScan(node) ? pushed
                    : new FallbackOperator(pushed, () -> planLocally(node), execution);
            cost = FederatedCostModel.fragment(node, mq);
        } else {
            op = planLocally(node);
            cost = FederatedCostModel.localOperator(node, mq) + AnnotatedOperator.costBelow(op);
        }
        return new AnnotatedOperator(op, mq.getRowCount(node), cost);
    }

    /** Junction's own operator for {@code node}, its inputs planned (and pushed where possible) as usual. */
    private Operator planLocally(RelNode node) {
        if (node instanceof Filter filter) {
            return new FilterOperator(plan(filter.getInput()), rex.translate(filter.getCondition()));
        }
        if (node instanceof Project project) {
            List<Expression> exprs = new ArrayList<>();
            for (RexNode e : project.getProjects()) {
                exprs.add(rex.translate(e));
            }
            return new ProjectOperator(plan(project.getInput()), exprs);
        }
        if (node instanceof Join join) {
            return join(join);
        }
        if (node instanceof Aggregate aggregate) {
            return aggregate(aggregate);
        }
        if (node instanceof Sort sort) {
            return sort(sort);
        }
        if (node instanceof Intersect || node instanceof Minus) {
            SetOp setOp = (SetOp) node;
            List<JunctionType> types = FederationPlanner.outputTypes(setOp);
            List<Operator> inputs = new ArrayList<>();
            for (RelNode input : setOp.getInputs()) {
                inputs.add(castColumns(plan(input), types));
            }
            SetOperationOperator.Kind kind = node instanceof Intersect ? SetOperationOperator.Kind.INTERSECT : SetOperationOperator.Kind.EXCEPT;
            return new SetOperationOperator(kind, setOp.all, inputs);
        }
        if (node instanceof Union union) {
            List<Operator> inputs = new ArrayList<>();
            for (RelNode input : union.getInputs()) {
                inputs.add(plan(input));
            }
            Operator all = new UnionAllOperator(inputs);
            return union.all ? all : distinct(all);
        }
        if (node instanceof Values values) {
            return values(values);
        }
        if (node instanceof RepeatUnion repeat) {
            return recursiveUnion(repeat);
        }
        if (node instanceof TableScan scan && workingTables.containsKey(scan.getTable().getQualifiedName())) {
            return new WorkingTableScanOperator(String.join(".", scan.getTable().getQualifiedName()),
                    FederationPlanner.outputTypes(scan), workingTables.get(scan.getTable().getQualifiedName()));
        }
        if (node instanceof Window window) {
            return WindowTranslation.plan(window, plan(window.getInput()));
        }
        throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "Junction's engine cannot run " + node.getRelTypeName()
                + " across sources yet; it works when all its tables are in one source");
    }

    /** The rows of the previous iteration of each recursive query being planned, by transient table name. */
    private final java.util.Map<List<String>, List<io.junction.vector.Batch>> workingTables = new java.util.HashMap<>();

    /**
     * WITH RECURSIVE: the seed is planned once; the recursive step is planned again for each iteration with
     * the transient table's scan reading that iteration's working table.
     */
    private Operator recursiveUnion(RepeatUnion repeat) {
        List<String> name = repeat.getTransientTable() != null ? repeat.getTransientTable().getQualifiedName()
                : ((TableSpool) repeat.getIterativeRel()).getTable().getQualifiedName();
        Operator seed = plan(repeat.getSeedRel());
        RelNode stepRel = repeat.getIterativeRel();
        return new RecursiveUnionOperator(String.join(".", name), repeat.all, seed, working -> {
            workingTables.put(name, working);
            try {
                return plan(stepRel);
            } finally {
                workingTables.remove(name);
            }
        });
    }

    /** {@code input} with each column cast to {@code types} where its type differs, so set operations hash one representation. */
    private static Operator castColumns(Operator input, List<JunctionType> types) {
        List<JunctionType> actual = input.outputTypes();
        if (actual.equals(types)) {
            return input;
        }
        List<Expression> exprs = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            Expression column = Expressions.column(i, actual.get(i));
            exprs.add(actual.get(i).equals(types.get(i)) ? column : Expressions.call(ScalarFunction.CAST, types.get(i), List.of(column)));
        }
        return new ProjectOperator(input, exprs);
    }

    private Operator sourceScan(SourceFragment fragment) {
        execution.planned(fragment);
        String description = "SourceScan[" + fragment.connector().name() + " (" + fragment.connector().type().configName()
                + ")]\n" + fragment.describeWork();
        SourceScanOperator scan = new SourceScanOperator(fragment.query().outputTypes(), description,
                () -> execution.open(fragment));
        sourceScans.put(scan, fragment);
        return scan;
    }

    /**
     * What the query starts on other threads when it starts, rather than when first read (a pull-based plan otherwise
     * sends a hash join's probe-side statements only after its build side is read):
     * <ul>
     *   <li>source scans of one statement each (a parallel scan opens connections of its own, a bind join's statements
     *   need keys first), sent early;</li>
     *   <li>probe sides of hash joins that contain bind joins of their own, read ahead ({@link PrefetchOperator}):
     *   their statements wait for keys, so they cannot be sent early, and would otherwise add their whole chain's
     *   latency to the build side's.</li>
     * </ul>
     * Only in sources where every statement the plan may hold open at once (a parallel scan's workers, a bind join's
     * one statement at a time, the rest one each) fits what the source runs concurrently
     * ({@link Connector#concurrentStatements}): an early statement holds its connection until read, so none may leave
     * a later one waiting for a connection. Read-ahead needs that of every source the plan reads.
     */
    public EarlyWork earlyWork() {
        Map<Connector, Integer> demand = new HashMap<>();
        sourceScans.forEach((scan, fragment) -> demand.merge(fragment.connector(),
                fragment.query() instanceof SourceQuery.ParallelScan parallel ? parallel.workers() : 1, Integer::sum));
        Set<Connector> fitting = new HashSet<>();
        demand.forEach((source, statements) -> {
            if (statements <= source.concurrentStatements()) {
                fitting.add(source);
            }
        });
        List<SourceScanOperator> early = new ArrayList<>();
        sourceScans.forEach((scan, fragment) -> {
            if (!scan.isClosed() && fragment.query() instanceof SourceQuery.Sql && fitting.contains(fragment.connector())) {
                early.add(scan);
            }
        });
        return new EarlyWork(early, fitting.size() == demand.size() ? prefetches : List.of());
    }

    private Operator distinct(Operator input) {
        int[] all = new int[input.outputTypes().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new HashAggregateOperator(input, all, List.of(), context);
    }

    private Operator values(Values values) {
        List<JunctionType> types = FederationPlanner.outputTypes(values);
        List<List<Object>> rows = new ArrayList<>();
        for (List<RexLiteral> tuple : values.getTuples()) {
            List<Object> row = new ArrayList<>();
            for (RexLiteral l : tuple) {
                row.add(RexToExpression.literalValue(l));
            }
            rows.add(row);
        }
        return new ValuesOperator(types, rows);
    }

    private Operator sort(Sort sort) {
        Operator input = plan(sort.getInput());
        long offset = sort.offset == null ? 0 : RexLiteral.longValue(sort.offset);
        long fetch = sort.fetch == null ? -1 : RexLiteral.longValue(sort.fetch);
        List<SortKey> keys = sortKeys(sort.getCollation());
        if (keys.isEmpty()) {
            return new LimitOperator(input, offset, fetch);
        }
        if (fetch >= 0) {
            Operator top = new TopNOperator(input, keys, offset + fetch, context);
            return offset > 0 ? new LimitOperator(top, offset, fetch) : top;
        }
        Operator sorted = new SortOperator(input, keys, context);
        return offset > 0 ? new LimitOperator(sorted, offset, -1) : sorted;
    }

    /**
     * Hash aggregation. LITERAL_AGG (Calcite's marker for "a row exists in this group", produced when
     * EXISTS and IN subqueries are decorrelated) is not an accumulation: it is projected as a constant.
     */
    private Operator aggregate(Aggregate aggregate) {
        Operator input = plan(aggregate.getInput());
        if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
            return GroupingSetsTranslation.plan(aggregate, input);
        }
        int groupCount = aggregate.getGroupCount();
        List<io.junction.exec.operator.AggregateCall> calls = new ArrayList<>();
        List<Expression> output = new ArrayList<>();
        List<JunctionType> outputTypes = FederationPlanner.outputTypes(aggregate);
        for (int g = 0; g < groupCount; g++) {
            output.add(Expressions.column(g, outputTypes.get(g)));
        }
        boolean hasLiteral = false;
        for (AggregateCall call : aggregate.getAggCallList()) {
            if (call.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
                output.add(rex.translate(call.rexList.get(0)));
                hasLiteral = true;
                continue;
            }
            calls.add(toExecCall(call));
            output.add(Expressions.column(groupCount + calls.size() - 1, RexToExpression.typeOf(call.getType())));
        }
        Operator aggregated = new HashAggregateOperator(input, aggregate.getGroupSet().toArray(), calls, context);
        return hasLiteral ? new ProjectOperator(aggregated, output) : aggregated;
    }

    static io.junction.exec.operator.AggregateCall toExecCall(AggregateCall call) {
        SqlKind kind = call.getAggregation().getKind();
        boolean stringAgg = kind == SqlKind.LISTAGG || kind == SqlKind.STRING_AGG;
        if (call.filterArg >= 0 || call.getArgList().size() > (stringAgg ? 2 : 1)
                || (!stringAgg && !call.getCollation().getFieldCollations().isEmpty())) {
            throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE,
                    "aggregate " + call + " across sources is not supported by Junction's engine yet");
        }
        AggregateFunction fn = switch (kind) {
            case COUNT -> call.getArgList().isEmpty() ? AggregateFunction.COUNT_STAR : AggregateFunction.COUNT;
            case SUM -> AggregateFunction.SUM;
            case AVG -> AggregateFunction.AVG;
            // BOOL_AND and EVERY are MIN over booleans, BOOL_OR is MAX (false < true)
            case MIN -> AggregateFunction.MIN;
            case MAX -> AggregateFunction.MAX;
            case VAR_POP -> AggregateFunction.VAR_POP;
            case VAR_SAMP -> AggregateFunction.VAR_SAMP;
            case STDDEV_POP -> AggregateFunction.STDDEV_POP;
            case STDDEV_SAMP -> AggregateFunction.STDDEV_SAMP;
            case LISTAGG, STRING_AGG -> AggregateFunction.STRING_AGG;
            case SINGLE_VALUE -> AggregateFunction.SINGLE_VALUE;
            default -> throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "aggregate function "
                    + call.getAggregation().getName() + " across sources is not supported by Junction's engine yet");
        };
        int arg = call.getArgList().isEmpty() ? -1 : call.getArgList().get(0);
        JunctionType type = RexToExpression.typeOf(call.getType());
        if (!stringAgg) {
            return new io.junction.exec.operator.AggregateCall(fn, arg, call.isDistinct(), type);
        }
        int separator = call.getArgList().size() > 1 ? call.getArgList().get(1) : -1;
        return new io.junction.exec.operator.AggregateCall(fn, arg, call.isDistinct(), type, separator, sortKeys(call.getCollation()));
    }

    /** Executor sort keys for a collation; unspecified NULL placement follows PostgreSQL (NULL sorts as the largest value). */
    static List<SortKey> sortKeys(org.apache.calcite.rel.RelCollation collation) {
        List<SortKey> keys = new ArrayList<>();
        for (RelFieldCollation c : collation.getFieldCollations()) {
            boolean ascending = !c.direction.isDescending();
            boolean nullsFirst = switch (c.nullDirection) {
                case FIRST -> true;
                case LAST -> false;
                case UNSPECIFIED -> !ascending;
            };
            keys.add(new SortKey(c.getFieldIndex(), ascending, nullsFirst));
        }
        return keys;
    }

    /**
     * Hash join on the equi-keys (the smaller estimated input builds), nested loops without them.
     * Keys whose types differ are cast to a common type in extra columns, dropped again after the join.
     */
    private Operator join(Join join) {
        JoinType type = switch (join.getJoinType()) {
            case INNER -> JoinType.INNER;
            case LEFT -> JoinType.LEFT;
            case RIGHT -> JoinType.RIGHT;
            case FULL -> JoinType.FULL;
            case SEMI -> JoinType.SEMI;
            case ANTI -> JoinType.ANTI;
            default -> throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, join.getJoinType() + " joins are not supported yet");
        };
        int bindJoinsBefore = bindJoins;
        Operator left = plan(join.getLeft());
        int bindJoinsAfterLeft = bindJoins;
        Operator right = plan(join.getRight());
        boolean leftBindsKeys = bindJoinsAfterLeft > bindJoinsBefore;
        boolean rightBindsKeys = bindJoins > bindJoinsAfterLeft;
        int leftWidth = join.getLeft().getRowType().getFieldCount();
        int rightWidth = join.getRight().getRowType().getFieldCount();
        // Only "=" makes hash keys: IS NOT DISTINCT FROM matches NULL with NULL, which hash keys never do,
        // so it stays in the residual condition.
        JoinInfo info = JoinInfo.createWithStrictEquality(join.getLeft(), join.getRight(), join.getCondition());
        if (info.leftKeys.isEmpty()) {
            Expression condition = join.getCondition().isAlwaysTrue() ? null : rex.translate(join.getCondition());
            // the right input is read whole first, as a hash join's build side (TPC-H Q11: a HAVING against the total
            // of the same bound join, which the left side computes per group)
            return new NestedLoopJoinOperator(leftBindsKeys ? readAhead(left, join.getLeft()) : left, right, type, condition, context);
        }
        RexNode remaining = info.getRemaining(rexBuilder);
        int[] leftKeys = info.leftKeys.toIntArray();
        int[] rightKeys = info.rightKeys.toIntArray();

        // align key types: append cast key columns where the two sides differ
        List<Expression> leftExtra = new ArrayList<>();
        List<Expression> rightExtra = new ArrayList<>();
        for (int k = 0; k < leftKeys.length; k++) {
            RelDataType lt = join.getLeft().getRowType().getFieldList().get(leftKeys[k]).getType();
            RelDataType rt = join.getRight().getRowType().getFieldList().get(rightKeys[k]).getType();
            JunctionType ljt = RexToExpression.typeOf(lt);
            JunctionType rjt = RexToExpression.typeOf(rt);
            if (HashKeyTypes.compatible(ljt, rjt)) {
                continue;
            }
            RelDataType common = rexBuilder.getTypeFactory().leastRestrictive(List.of(lt, rt));
            if (common == null) {
                throw new JunctionException(ErrorCode.DATATYPE_MISMATCH, "cannot join " + ljt + " with " + rjt);
            }
            JunctionType ct = RexToExpression.typeOf(common);
            leftExtra.add(Expressions.call(ScalarFunction.CAST, ct, List.of(Expressions.column(leftKeys[k], ljt))));
            rightExtra.add(Expressions.call(ScalarFunction.CAST, ct, List.of(Expressions.column(rightKeys[k], rjt))));
            leftKeys[k] = leftWidth + leftExtra.size() - 1;
            rightKeys[k] = rightWidth + rightExtra.size() - 1;
        }
        Operator l = withExtraColumns(left, leftExtra);
        Operator r = withExtraColumns(right, rightExtra);
        RelMetadataQuery mq = join.getCluster().getMetadataQuery();
        Double leftRows = mq.getRowCount(join.getLeft());
        Double rightRows = mq.getRowCount(join.getRight());
        // the smaller input builds; the join type then names the same rows from the other side (JoinType.withInputsSwapped)
        boolean buildLeft = leftRows != null && rightRows != null && leftRows < rightRows;
        // the type the hash join runs as, its left input probing
        JoinType executed = buildLeft ? type.withInputsSwapped() : type;
        boolean boundHere = false;
        if (leftExtra.isEmpty() && rightExtra.isEmpty()) {
            if (leftKeys.length == 1) {
                Operator[] bound = bindJoin(join, executed, buildLeft, l, r, leftKeys[0], rightKeys[0]);
                boundHere = bound[0] != l || bound[1] != r;
                l = bound[0];
                r = bound[1];
            }
            Operator collecting = boundHere ? null : stackKeys(join, executed, buildLeft, buildLeft ? l : r, leftKeys, rightKeys);
            if (collecting != null) {
                boundHere = true;
                l = buildLeft ? collecting : l;
                r = buildLeft ? r : collecting;
            }
        }
        // a probe side bound here reads the build side's keys, so it cannot run ahead of it
        if (!boundHere && buildLeft && rightBindsKeys) {
            r = readAhead(r, join.getRight());
        } else if (!boundHere && !buildLeft && leftBindsKeys) {
            l = readAhead(l, join.getLeft());
        }
        int lw = leftWidth + leftExtra.size();
        int rw = rightWidth + rightExtra.size();
        RexNode residualRex = remaining.isAlwaysTrue() ? null : shiftRightRefs(remaining, leftWidth, leftExtra.size());

        Operator joined;
        if (buildLeft) {
            // probe with the right input, build the smaller left one; the residual then sees right ++ left, and the
            // projection below puts the columns back in left ++ right order
            Expression residual = residualRex == null ? null : rex.translate(swapSides(residualRex, lw, rw));
            joined = new HashJoinOperator(r, l, rightKeys, leftKeys, executed, residual, context);
            if (executed.outputsProbeColumns()) {
                // the join itself, below the projection restoring the column order, shows the estimates too
                joined = new AnnotatedOperator(joined, mq.getRowCount(join), FederatedCostModel.localOperator(join, mq) + AnnotatedOperator.costBelow(joined));
                List<Expression> reorder = new ArrayList<>();
                List<JunctionType> types = joined.outputTypes();
                for (int i = 0; i < lw; i++) {
                    reorder.add(Expressions.column(rw + i, types.get(rw + i)));
                }
                for (int i = 0; i < rw; i++) {
                    reorder.add(Expressions.column(i, types.get(i)));
                }
                joined = new ProjectOperator(joined, reorder);
            }
        } else {
            Expression residual = residualRex == null ? null : rex.translate(residualRex);
            joined = new HashJoinOperator(l, r, leftKeys, rightKeys, type, residual, context);
        }
        if (leftExtra.isEmpty() && rightExtra.isEmpty()) {
            return joined;
        }
        List<JunctionType> types = joined.outputTypes();
        List<Expression> keep = new ArrayList<>();
        for (int i = 0; i < leftWidth; i++) {
            keep.add(Expressions.column(i, types.get(i)));
        }
        if (type != JoinType.SEMI && type != JoinType.ANTI) {
            for (int i = 0; i < rightWidth; i++) {
                keep.add(Expressions.column(lw + i, types.get(lw + i)));
            }
        }
        return new ProjectOperator(joined, keep);
    }

    /**
     * Bind join (dynamic filtering into the source): when {@link BindJoinChoice} chooses it (a small build side, a SQL
     * fragment many times larger to probe, few of its key values among the build side's), the probe side reads
     * only rows matching the build side's keys. Valid only where unmatched probe rows are not part of the result
     * ({@link JoinType#keepsUnmatchedProbeRows} of {@code executed}, the type the hash join runs as): inner joins,
     * semi and right joins probing with their left input, left joins probing with their right input. Returns the
     * (possibly replaced) left and right operators.
     */
    private Operator[] bindJoin(Join join, JoinType executed, boolean buildLeft, Operator left, Operator right, int leftKey, int rightKey) {
        RelNode probeRel = buildLeft ? join.getRight() : join.getLeft();
        RelNode buildRel = buildLeft ? join.getLeft() : join.getRight();
        int probeKey = buildLeft ? rightKey : leftKey;
        int buildKey = buildLeft ? leftKey : rightKey;
        if (!outputsOnlyMatchedProbeRows(executed) || !BindJoinChoice.chosen(buildRel, buildKey, probeRel, probeKey, federation)) {
            return new Operator[]{left, right};
        }
        Operator probe = buildLeft ? right : left;
        Operator build = buildLeft ? left : right;
        probe.close(); // planned but never opened: replaced by the bound scan
        KeyCollectingOperator keys = new KeyCollectingOperator(build, buildKey);
        RelMetadataQuery mq = join.getCluster().getMetadataQuery();
        double probeRows = mq.getRowCount(probeRel);
        double buildRows = mq.getRowCount(buildRel);
        double keysShipped = BindJoinChoice.keysShipped(buildRows, BindJoinChoice.distinctValues(buildRel, buildKey, mq));
        double rowsFetched = BindJoinChoice.rowsFetched(probeRows, mq.getRowCount(join), buildRows, keysShipped);
        BindScanOperator scan = new BindScanOperator(federation.fragmentAt(probeRel).orElseThrow(), probeKey, keys, rexBuilder, execution);
        boundScans.bound(probeRel, scan);
        Operator bound = new AnnotatedOperator(scan, rowsFetched, FederatedCostModel.boundFragment(probeRel, rowsFetched, keysShipped));
        Operator collecting = new AnnotatedOperator(keys, buildRows, AnnotatedOperator.costBelow(keys));
        bindJoins++;
        return buildLeft ? new Operator[]{collecting, bound} : new Operator[]{bound, collecting};
    }

    /**
     * A join not bound itself whose probe side holds a bind scan reading one of its key columns
     * ({@link BoundScanTracer}) adds its build side's keys to that scan's statements, when
     * {@link BindJoinChoice#stackingPays} says they filter enough. Returns the build side wrapped to collect its keys,
     * or null when nothing is added. Valid where {@link #bindJoin} is: the join drops unmatched probe rows.
     */
    private Operator stackKeys(Join join, JoinType executed, boolean buildLeft, Operator build, int[] leftKeys, int[] rightKeys) {
        RelNode probeRel = buildLeft ? join.getRight() : join.getLeft();
        RelNode buildRel = buildLeft ? join.getLeft() : join.getRight();
        RelMetadataQuery mq = join.getCluster().getMetadataQuery();
        Double buildRows = mq.getRowCount(buildRel);
        if (!outputsOnlyMatchedProbeRows(executed) || buildRows == null) {
            return null;
        }
        for (int k = 0; k < leftKeys.length; k++) {
            int buildKey = buildLeft ? leftKeys[k] : rightKeys[k];
            Optional<BoundScanTracer.Traced> traced = boundScans.trace(probeRel, buildLeft ? rightKeys[k] : leftKeys[k]);
            if (traced.isEmpty() || !BindJoinChoice.canShipKeys(traced.get().fragment(), traced.get().field())
                    || !BindJoinChoice.stackingPays(buildRows, BindJoinChoice.distinctValues(buildRel, buildKey, mq),
                            BindJoinChoice.distinctValues(traced.get().fragment(), traced.get().field(), mq))) {
                continue;
            }
            KeyCollectingOperator keys = new KeyCollectingOperator(build, buildKey);
            traced.get().scan().alsoFilterBy(traced.get().field(), keys);
            bindJoins++;
            return new AnnotatedOperator(keys, buildRows, AnnotatedOperator.costBelow(keys));
        }
        return null;
    }

    /**
     * Whether every probe row a hash join running as {@code executed} outputs has a match, so that its probe side may
     * skip rows whose keys the build side lacks. Not for a semi- or anti-join building its left input either, which
     * outputs build rows: its row estimate says nothing of how many probe rows the keys would fetch, which is what
     * the choice to bind weighs.
     */
    private static boolean outputsOnlyMatchedProbeRows(JoinType executed) {
        return !executed.keepsUnmatchedProbeRows() && executed.outputsProbeColumns();
    }

    /** {@code probe}, read ahead on another thread once the query starts, if {@link #earlyWork} allows. */
    private Operator readAhead(Operator probe, RelNode rel) {
        PrefetchOperator prefetch = new PrefetchOperator(probe);
        prefetches.add(prefetch);
        boundScans.readAhead(rel);
        return prefetch;
    }

    private static Operator withExtraColumns(Operator input, List<Expression> extra) {
        if (extra.isEmpty()) {
            return input;
        }
        List<Expression> all = new ArrayList<>();
        List<JunctionType> types = input.outputTypes();
        for (int i = 0; i < types.size(); i++) {
            all.add(Expressions.column(i, types.get(i)));
        }
        all.addAll(extra);
        return new ProjectOperator(input, all);
    }

    /** References to right-side columns move up by the number of extra columns added to the left. */
    private static RexNode shiftRightRefs(RexNode condition, int leftWidth, int shift) {
        if (shift == 0) {
            return condition;
        }
        return condition.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return ref.getIndex() >= leftWidth ? new RexInputRef(ref.getIndex() + shift, ref.getType()) : ref;
            }
        });
    }

    /** Rewrites a condition over (left ++ right) to read (right ++ left). */
    private static RexNode swapSides(RexNode condition, int leftWidth, int rightWidth) {
        return condition.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                int i = ref.getIndex();
                return new RexInputRef(i < leftWidth ? i + rightWidth : i - leftWidth, ref.getType());
            }
        });
    }
}
