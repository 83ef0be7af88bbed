package io.junction;

import io.junction.catalog.Catalog;
import io.junction.connector.Connector;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.ExecutionContext;
import io.junction.exec.memory.MemoryBudget;
import io.junction.exec.memory.MemoryPool;
import io.junction.exec.operator.Operator;
import io.junction.exec.spill.SpillSpace;
import io.junction.exec.operator.ValuesOperator;
import io.junction.federation.FederationPlanner;
import io.junction.physical.EarlyWork;
import io.junction.physical.ExecutionPlanner;
import io.junction.physical.PlanPrinter;
import io.junction.physical.QueryExecution;
import io.junction.plan.LogicalPlanner;
import io.junction.sql.NameSuggestion;
import io.junction.sql.SourceTable;
import io.junction.sql.SqlFrontEnd;
import io.junction.types.JunctionType;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataTypeField;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a query through the layers: Calcite front end (parse, validate, logical plan), logical rewrites,
 * federation planning (what each source computes), execution planning (Junction's operators for the
 * rest), then streams the root operator's batches to the caller.
 */
final class QueryEngine {
    private final Catalog catalog;
    private final EngineSettings settings;
    private final SqlFrontEnd frontEnd;

    QueryEngine(Catalog catalog, EngineSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
        this.frontEnd = new SqlFrontEnd();
    }

    EngineSettings settings() {
        return settings;
    }

    /** @param sources the connectors whose tables the query reads; @param context memory, spill space, cancellation */
    private record PlannedQuery(List<ResultColumn> columns, Operator root, boolean explainOnly, QueryExecution execution,
                                Set<Connector> sources, ExecutionContext context, EarlyWork earlyWork) {
    }

    /**
     * Plans {@code sql}; a failure that is not already a JunctionException (a Calcite rule or Junction's planner
     * failing on a statement it should have handled) is reported as an internal error, never as a bare runtime
     * exception.
     */
    private PlannedQuery plan(String sql, Catalog.Snapshot catalogSnapshot) {
        try {
            return planStatement(sql, catalogSnapshot);
        } catch (JunctionException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw JunctionException.internal("could not plan the query: " + e, e);
        }
    }

    private PlannedQuery planStatement(String sql, Catalog.Snapshot catalogSnapshot) {
        if (sql == null || sql.isBlank()) {
            throw new JunctionException(ErrorCode.SYNTAX_ERROR, "the query is empty");
        }
        SqlFrontEnd.AnalyzedQuery analyzed = frontEnd.analyze(stripTrailingSemicolon(sql), catalogSnapshot.namedConnectors());
        Set<Connector> sources = new LinkedHashSet<>();
        for (RelOptTable table : RelOptUtil.findAllTables(analyzed.root().rel)) {
            SourceTable sourceTable = table.unwrap(SourceTable.class);
            if (sourceTable != null) {
                sources.add(sourceTable.connector());
            }
        }
        RelNode rel = LogicalPlanner.optimize(analyzed.root().project(), analyzed.relBuilder());
        FederationPlanner federation = new FederationPlanner(settings.pushdown(), settings.sourceParallelism());
        federation.checkColumnsReadable(rel);
        rel = federation.splitFilters(rel);
        rel = federation.orderJoins(rel);
        rel = federation.pushPartialAggregates(rel);
        QueryExecution execution = new QueryExecution();
        ExecutionContext context = new ExecutionContext(
                new MemoryBudget(settings.memoryLimitBytes(), settings.hardMemoryLimitBytes(), MemoryPool.shared()),
                new SpillSpace(settings.spillDirectory()), execution::throwIfStopped, settings.forceSpill());
        Operator root;
        EarlyWork earlyWork;
        try {
            ExecutionPlanner planner = new ExecutionPlanner(federation, rel.getCluster().getRexBuilder(), execution, context);
            root = planner.plan(rel);
            earlyWork = planner.earlyWork();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        List<String> names = analyzed.columnNames();
        List<RelDataTypeField> fields = rel.getRowType().getFieldList();
        List<JunctionType> types = root.outputTypes();
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            columns.add(new ResultColumn(i < names.size() ? names.get(i) : fields.get(i).getName(), types.get(i), fields.get(i).getType().isNullable()));
        }
        return new PlannedQuery(columns, root, analyzed.explain(), execution, sources, context, earlyWork);
    }

    private static String stripTrailingSemicolon(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** Plans and starts a query; with a timeout, a timer stops it (and its source statements) when it runs out. */
    QueryResult query(String sql, Duration timeout) {
        Optional<String> analyzed = AnalyzeStatement.tableName(sql);
        if (analyzed.isPresent()) {
            ResolvedTable table = resolve(analyzed.get());
            return AnalyzeStatement.run(table.connector(), table.schema(), table.table());
        }
        var analyze = EXPLAIN_ANALYZE.matcher(sql);
        if (analyze.find()) {
            return planText(explainAnalyze(sql.substring(analyze.end()), timeout), List.of());
        }
        PlannedQuery planned;
        Catalog.Snapshot inUse;
        // The planning snapshot keeps every source open while names are resolved; the query then keeps
        // only the sources it reads until its result is closed, even if the catalog changes meanwhile.
        try (Catalog.Snapshot planning = catalog.snapshot()) {
            planned = plan(sql, planning);
            inUse = planning.narrow(planned.sources());
        }
        try {
            return start(planned, timeout, inUse);
        } catch (RuntimeException e) {
            planned.root().close();
            planned.context().close();
            inUse.close();
            throw e;
        }
    }

    private QueryResult start(PlannedQuery planned, Duration timeout, Catalog.Snapshot inUse) {
        List<String> sourceNames = planned.sources().stream().map(Connector::name).toList();
        if (planned.explainOnly()) {
            String text = PlanPrinter.print(planned.root());
            planned.root().close();
            planned.context().close();
            inUse.close();
            return planText(text, sourceNames);
        }
        QueryExecution execution = planned.execution();
        planned.earlyWork().start(EARLY_WORK);
        // after the operators closed: returns leftover memory to the pool, removes the query's spill files,
        // and lets go of the sources the query read
        Runnable onClose = () -> {
            planned.context().close();
            inUse.close();
        };
        if (timeout != null) {
            ScheduledFuture<?> timer = TIMEOUTS.schedule(() -> execution.stop(QueryExecution.timedOut(timeout)),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
            onClose = () -> {
                timer.cancel(false);
                planned.context().close();
                inUse.close();
            };
        }
        return new QueryResult(planned.columns(), planned.root(), execution, onClose, sourceNames);
    }

    /** A plan (EXPLAIN, EXPLAIN ANALYZE) as a one-column result, a row per line. */
    private static QueryResult planText(String text, List<String> sourceNames) {
        List<List<Object>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            rows.add(List.of(line));
        }
        return new QueryResult(List.of(new ResultColumn("plan", JunctionType.VARCHAR, false)),
                new ValuesOperator(List.of(JunctionType.VARCHAR), rows), new QueryExecution(), () -> { }, sourceNames);
    }

    /** Threads that send statements started early and read inputs ahead (see {@link ExecutionPlanner#earlyWork}); idle ones end. */
    private static final ExecutorService EARLY_WORK = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "junction-early-work");
        t.setDaemon(true);
        return t;
    });

    /** One daemon thread for all queries' timeouts: firing one only flags the query and closes its streams. */
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "junction-query-timeouts");
        t.setDaemon(true);
        return t;
    });

    private static final java.util.regex.Pattern EXPLAIN_ANALYZE = java.util.regex.Pattern.compile("(?is)^\\s*EXPLAIN\\s+ANALYZE\\s+");

    /**
     * Runs the query to its end, discarding the rows, and returns the plan with what each operator
     * actually returned and took, every statement sent to a source, and any fallback or spill.
     */
    String explainAnalyze(String sql, Duration timeout) {
        long start = System.nanoTime();
        PlannedQuery planned;
        Catalog.Snapshot inUse;
        try (Catalog.Snapshot planning = catalog.snapshot()) {
            planned = plan(sql, planning);
            inUse = planning.narrow(planned.sources());
        }
        long planningNanos = System.nanoTime() - start;
        long rows = 0;
        try (QueryResult result = start(planned, timeout, inUse)) {
            for (var b = result.nextBatch(); b != null; b = result.nextBatch()) {
                rows += b.rowCount();
            }
        }
        QueryExecution execution = planned.execution();
        StringBuilder out = new StringBuilder(PlanPrinter.print(planned.root()));
        out.append("Source statements:\n");
        for (SourceStatementStats s : execution.statements()) {
            out.append("  ").append(s.source()).append(" (").append(s.sourceType().configName()).append("): ")
                    .append(s.rows()).append(" rows, ").append(s.batches()).append(" batches, ")
                    .append(s.bytes()).append(" bytes, ").append(s.elapsed().toMillis()).append(" ms\n");
            s.statement().lines().forEach(l -> out.append("      ").append(l).append('\n'));
        }
        for (String event : execution.events()) {
            out.append("Event: ").append(event).append('\n');
        }
        out.append("Planning: ").append(planningNanos / 1_000_000).append(" ms\n");
        out.append("Result: ").append(rows).append(" rows in ").append((System.nanoTime() - start) / 1_000_000).append(" ms\n");
        return out.toString();
    }

    QueryPlan explain(String sql) {
        try (Catalog.Snapshot planning = catalog.snapshot()) {
            PlannedQuery planned = plan(sql, planning);
            try {
                return new QueryPlan(PlanPrinter.print(planned.root()), planned.execution().plannedStatements());
            } finally {
                planned.root().close();
                planned.context().close();
            }
        }
    }

    TableMetadata resolveTable(String qualifiedName) {
        ResolvedTable resolved = resolve(qualifiedName);
        return resolved.connector().table(resolved.schema(), resolved.table()).orElseThrow(() -> new JunctionException(
                ErrorCode.UNDEFINED_TABLE, "no table '" + resolved.table() + "' in " + resolved.connector().name() + "." + resolved.schema()));
    }

    /** A table named outside SQL (describe, ANALYZE): its source and its exact schema and table names. */
    private record ResolvedTable(Connector connector, String schema, String table) {
    }

    private ResolvedTable resolve(String qualifiedName) {
        List<String> parts = splitName(qualifiedName);
        if (parts.size() < 2 || parts.size() > 3) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, "name tables as source.table or source.schema.table, got '" + qualifiedName + "'");
        }
        Connector connector = catalog.find(parts.get(0)).orElseThrow(() -> new JunctionException(ErrorCode.UNDEFINED_SOURCE,
                "no source named '" + parts.get(0) + "'" + NameSuggestion.hint(parts.get(0),
                        catalog.connectors().stream().map(Connector::name).toList())));
        String schema = parts.size() == 3 ? matchName(parts.get(1), connector.schemaNames()).orElse(parts.get(1)) : connector.defaultSchema();
        String table = parts.get(parts.size() - 1);
        List<String> tableNames = connector.tables(schema).stream().map(TableInfo::name).toList();
        String resolved = matchName(table, tableNames).orElseThrow(() -> new JunctionException(ErrorCode.UNDEFINED_TABLE,
                "no table '" + table + "' in " + connector.name() + "." + schema + NameSuggestion.hint(table, tableNames)));
        return new ResolvedTable(connector, schema, resolved);
    }

    /** Exact match, else the single case-insensitive match (the rule SQL names follow too). */
    private static Optional<String> matchName(String name, List<String> candidates) {
        if (candidates.contains(name)) {
            return Optional.of(name);
        }
        List<String> ci = candidates.stream().filter(c -> c.equalsIgnoreCase(name)).toList();
        return ci.size() == 1 ? Optional.of(ci.get(0)) : Optional.empty();
    }

    /** Splits a dotted name; double-quoted parts may contain dots and keep their case. */
    static List<String> splitName(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString());
        return parts;
    }
}
