package io.junction.cli.bench;

import io.junction.EngineSettings;
import io.junction.Junction;
import io.junction.QueryResult;
import io.junction.ResultColumn;
import io.junction.SourceStatementStats;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.tpch.TpchLoader;
import io.junction.tpch.TpchQuery;
import io.junction.tpch.TpchResultComparison;
import io.junction.tpch.TpchSplit;
import io.junction.tpch.TpchTableLayout;
import io.junction.types.TypeKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads TPC-H where the benchmark needs it and times the queries. Per query: warm-up runs, then
 * repetitions in which Junction, PostgreSQL alone and DuckDB alone take turns (so a slow phase of the
 * machine hits all three alike); Junction's first result is checked against PostgreSQL's. Before any of
 * that, Junction runs every selected query a few times untimed ({@link #warmUpJit}).
 *
 * <p>Where the data lives: PostgreSQL schemas {@code tpch_<sf>_split} (the split's four tables) and
 * {@code tpch_<sf>_ref} (all eight), MariaDB database {@code tpch_<sf>}, and a DuckDB file. Each holds a
 * marker table with the scale factor of its last complete load, so a second run at the same scale
 * factor skips loading.
 */
final class TpchBenchmark {
    private static final Pattern MYSQL_URL = Pattern.compile("^(jdbc:(?:mariadb|mysql)://[^/?]+)(?:/([^?]*))?(\\?.*)?$");

    /**
     * @param jitWarmupRounds rounds over all the selected queries that Junction alone runs, untimed, before
     *                        any query is measured (see {@link #warmUpJit})
     */
    record Settings(double scaleFactor, int jitWarmupRounds, int warmups, int repetitions, List<Integer> queries, Duration timeout,
                    String pgUrl, String pgUser, String pgPassword, String mysqlUrl, String mysqlUser, String mysqlPassword,
                    Path duckDbFile, boolean reload, String dataName) {
        /** The base of the schema and database names: {@code dataName}, or {@code tpch_sfN} when it is null. */
        String baseName() {
            return dataName != null ? dataName : "tpch_" + scaleName(scaleFactor);
        }

        String splitSchema() {
            return baseName() + "_split";
        }

        String referenceSchema() {
            return baseName() + "_ref";
        }

        String mysqlDatabase() {
            return baseName();
        }
    }

    /** Measured times of one system for one query; {@code failure} says why there are none. */
    record Timing(List<Long> millis, boolean timedOut, String failure) {
        static Timing none() {
            return new Timing(List.of(), false, "not run");
        }

        /** Median in milliseconds, the timeout for a query that hit it, or -1 when it failed otherwise. */
        double medianMillis(Duration timeout) {
            if (timedOut) {
                return timeout.toMillis();
            }
            if (millis.isEmpty()) {
                return -1;
            }
            List<Long> sorted = millis.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        }
    }

    /** Rows, payload bytes and statements one source returned to Junction in one run of a query. */
    record SourceFetch(String source, long statements, long rows, long bytes) {
    }

    /**
     * @param floor   the transfer floor: Junction's source statements run alone (see {@link TransferFloor})
     * @param fetched what each source returned to Junction, in source order
     */
    record QueryOutcome(int number, Timing junction, Timing postgres, Timing duckdb, Timing floor, long resultRows,
                        List<SourceFetch> fetched, String check) {
        boolean correct() {
            return check.startsWith("ok");
        }

        long rowsFetched() {
            return fetched.stream().mapToLong(SourceFetch::rows).sum();
        }

        long bytesFetched() {
            return fetched.stream().mapToLong(SourceFetch::bytes).sum();
        }
    }

    /** One execution: elapsed time and rows, or why it failed; for Junction also its source statements. */
    private record Run(long millis, List<List<Object>> rows, int[] decimalScales, List<SourceStatementStats> statements,
                       boolean timedOut, String failure) {
        static Run failed(long millis, boolean timedOut, String failure) {
            return new Run(millis, null, null, List.of(), timedOut, failure);
        }
    }

    private final Settings settings;
    private final BenchProgress progress;

    TpchBenchmark(Settings settings, BenchProgress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    static String scaleName(double scaleFactor) {
        String text = java.math.BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
        return "sf" + text.replace('.', '_');
    }

    List<QueryOutcome> run() throws Exception {
        String mysqlDatabaseUrl = mysqlDatabaseUrl();
        ensureLoaded(mysqlDatabaseUrl);
        try (Junction junction = Junction.builder()
                .source(SourceConfig.of("pg", SourceType.POSTGRESQL, settings.pgUrl(), settings.pgUser(), settings.pgPassword()))
                .source(SourceConfig.of("my", SourceType.MYSQL, mysqlDatabaseUrl, settings.mysqlUser(), settings.mysqlPassword()))
                .settings(EngineSettings.defaults())
                .build();
             Connection postgres = connectPostgres();
             Connection duckdb = settings.duckDbFile() == null ? null : DriverManager.getConnection("jdbc:duckdb:" + settings.duckDbFile().toAbsolutePath())) {
            try (Statement s = postgres.createStatement()) {
                s.execute("SET statement_timeout = " + settings.timeout().toMillis());
            }
            TransferFloor floor = new TransferFloor(junction);
            int systems = duckdb == null ? 3 : 4;
            progress.runStarted((long) settings.queries().size()
                    * (settings.jitWarmupRounds() + systems * Math.max(1, settings.warmups() + settings.repetitions())));
            warmUpJit(junction);
            List<QueryOutcome> outcomes = new ArrayList<>();
            for (int number : settings.queries()) {
                outcomes.add(measure(TpchQuery.number(number), junction, floor, postgres, duckdb));
            }
            return outcomes;
        }
    }

    /**
     * Runs each selected query through Junction {@code jitWarmupRounds} times, results discarded. The
     * references are native code; Junction's planner and operators run interpreted or half-compiled for their
     * first few dozen queries (Q2's planning took 88 ms in its second run in a fresh JVM and 17-20 ms from
     * about its twentieth), so without this the first queries measured would time the JIT compiler, not the
     * engine a long-running Junction is. Failures here are left for the measured runs to report.
     */
    private void warmUpJit(Junction junction) {
        if (settings.jitWarmupRounds() == 0) {
            return;
        }
        long start = System.nanoTime();
        for (int round = 1; round <= settings.jitWarmupRounds(); round++) {
            for (int number : settings.queries()) {
                TpchQuery query = TpchQuery.number(number);
                progress.running(query.name() + " JIT warm-up " + round + " junction");
                runJunction(junction, federatedSql(query));
                progress.ran();
            }
        }
        progress.line(String.format(Locale.ROOT, "JIT warm-up: %d rounds over %d queries through Junction in %.1f s",
                settings.jitWarmupRounds(), settings.queries().size(), (System.nanoTime() - start) / 1e9));
    }

    /** The query over the federated split: four tables in PostgreSQL source {@code pg}, four in MariaDB source {@code my}. */
    private String federatedSql(TpchQuery query) {
        return query.sql(TpchSplit.federatedNames("pg", settings.splitSchema(), "my"), settings.scaleFactor());
    }

    private QueryOutcome measure(TpchQuery query, Junction junction, TransferFloor floor, Connection postgres, Connection duckdb) {
        double sf = settings.scaleFactor();
        String federatedSql = federatedSql(query);
        String postgresSql = query.sql(TpchSplit.singleSchemaNames(settings.referenceSchema()), sf);
        String duckSql = query.sql(TpchSplit.singleSchemaNames(null), sf);
        List<Run> junctionRuns = new ArrayList<>();
        List<Run> postgresRuns = new ArrayList<>();
        List<Run> duckRuns = new ArrayList<>();
        List<Run> floorRuns = new ArrayList<>();
        int total = settings.warmups() + settings.repetitions();
        for (int i = 0; i < Math.max(total, 1); i++) {
            String round = query.name() + " " + (i < settings.warmups() ? "warm-up" : "run " + (i - settings.warmups() + 1));
            Run junctionRun = step(round + " junction", junctionRuns, () -> runJunction(junction, federatedSql));
            step(round + " transfer floor", floorRuns, () -> runFloor(floor, junctionRun));
            step(round + " postgresql", postgresRuns, () -> runJdbc(postgres, postgresSql));
            if (duckdb != null) {
                step(round + " duckdb", duckRuns, () -> runJdbc(duckdb, duckSql));
            }
        }
        Run firstJunction = junctionRuns.get(0);
        Run firstPostgres = postgresRuns.get(0);
        Run firstDuck = duckRuns.isEmpty() ? null : duckRuns.get(0);
        String check;
        if (firstJunction.failure() != null) {
            check = "junction failed: " + firstJunction.failure();
        } else if (firstPostgres.failure() == null) {
            check = check(query, firstPostgres, firstJunction, "");
        } else {
            String why = "postgresql " + (firstPostgres.timedOut() ? "timed out" : "failed: " + firstPostgres.failure());
            // The reference of last resort: DuckDB's answer, where PostgreSQL gave none (Q17 and Q20 at SF1).
            check = firstDuck != null && firstDuck.failure() == null
                    ? check(query, firstDuck, firstJunction, " (checked against DuckDB: " + why + ")")
                    : "unchecked: " + why;
        }
        QueryOutcome outcome = new QueryOutcome(query.number(), timing(junctionRuns), timing(postgresRuns),
                duckdb == null ? Timing.none() : timing(duckRuns), timing(floorRuns),
                firstJunction.rows() == null ? -1 : firstJunction.rows().size(),
                fetchedBySource(junctionRuns.get(junctionRuns.size() - 1).statements()), check);
        Duration limit = settings.timeout();
        progress.line(String.format(Locale.ROOT, "%-4s junction %9.1f ms   floor %9.1f ms   postgresql %9.1f ms   duckdb %9.1f ms   %s",
                query.name(), outcome.junction().medianMillis(limit), outcome.floor().medianMillis(limit),
                outcome.postgres().medianMillis(limit), outcome.duckdb().medianMillis(limit), check));
        return outcome;
    }

    /**
     * Runs one system once and adds the run to {@code runs}, unless it already hit the time limit on
     * this query: a timed-out query counts as the limit anyway, so running it again only costs time
     * (PostgreSQL alone needs over 5 minutes for Q17 and Q20 at SF1).
     */
    private Run step(String what, List<Run> runs, java.util.function.Supplier<Run> run) {
        Run result;
        if (!runs.isEmpty() && runs.get(runs.size() - 1).timedOut()) {
            result = runs.get(runs.size() - 1);
        } else {
            progress.running(what);
            result = run.get();
        }
        runs.add(result);
        progress.ran();
        return result;
    }

    /** "ok" plus {@code note} when Junction's rows are a correct answer given the reference's, else what differs. */
    private static String check(TpchQuery query, Run reference, Run junction, String note) {
        List<List<Object>> expected = TpchResultComparison.normalize(
                TpchResultComparison.roundedToScales(reference.rows(), junction.decimalScales()));
        String mismatch = TpchResultComparison.mismatch(query, expected, TpchResultComparison.normalize(junction.rows()));
        return mismatch == null ? "ok" + note : "MISMATCH" + note + " " + mismatch.lines().findFirst().orElse("");
    }

    private static List<SourceFetch> fetchedBySource(List<SourceStatementStats> statements) {
        Map<String, SourceFetch> bySource = new LinkedHashMap<>();
        for (SourceStatementStats s : statements) {
            bySource.merge(s.source(), new SourceFetch(s.source(), 1, s.rows(), s.bytes()),
                    (a, b) -> new SourceFetch(a.source(), a.statements() + b.statements(), a.rows() + b.rows(), a.bytes() + b.bytes()));
        }
        return List.copyOf(bySource.values());
    }

    /** The transfer floor of one Junction run; a failed Junction run has none. */
    private static Run runFloor(TransferFloor floor, Run junctionRun) {
        if (junctionRun.failure() != null) {
            return Run.failed(0, false, "junction failed");
        }
        TransferFloor.Measurement m = floor.measure(junctionRun.statements());
        return m.failure() != null ? Run.failed(m.millis(), false, m.failure()) : new Run(m.millis(), null, null, List.of(), false, null);
    }

    private Timing timing(List<Run> runs) {
        List<Run> measured = runs.subList(Math.min(settings.warmups(), runs.size() - 1), runs.size());
        for (Run r : runs) {
            if (r.failure() != null) {
                return new Timing(List.of(), r.timedOut(), r.failure());
            }
        }
        return new Timing(measured.stream().map(Run::millis).toList(), false, null);
    }

    private Run runJunction(Junction junction, String sql) {
        long start = System.nanoTime();
        try (QueryResult r = junction.query(sql, settings.timeout())) {
            List<List<Object>> rows = r.toList();
            long millis = (System.nanoTime() - start) / 1_000_000;
            int[] scales = r.columns().stream().map(ResultColumn::type)
                    .mapToInt(t -> t.kind() == TypeKind.DECIMAL ? t.scale() : -1).toArray();
            return new Run(millis, rows, scales, r.sourceStatements(), false, null);
        } catch (RuntimeException e) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            return Run.failed(millis, millis >= settings.timeout().toMillis(), e.getMessage());
        }
    }

    private Run runJdbc(Connection connection, String sql) {
        long start = System.nanoTime();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = TpchResultComparison.read(rs);
            return new Run((System.nanoTime() - start) / 1_000_000, rows, null, List.of(), false, null);
        } catch (SQLException e) {
            return Run.failed((System.nanoTime() - start) / 1_000_000, "57014".equals(e.getSQLState()), e.getMessage());
        }
    }

    private void ensureLoaded(String mysqlDatabaseUrl) throws Exception {
        TpchLoader loader = new TpchLoader(settings.scaleFactor(), progress);
        try (Connection pg = connectPostgres()) {
            for (String schema : List.of(settings.splitSchema(), settings.referenceSchema())) {
                try (Statement s = pg.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                }
            }
            if (needsLoad(pg, settings.splitSchema() + "." + TpchLoader.MARKER_TABLE)) {
                progress.line("loading TPC-H SF " + settings.scaleFactor() + " into PostgreSQL schema " + settings.splitSchema());
                loader.loadPostgres(pg, settings.splitSchema(), TpchSplit.postgresTables());
            }
            if (needsLoad(pg, settings.referenceSchema() + "." + TpchLoader.MARKER_TABLE)) {
                progress.line("loading TPC-H SF " + settings.scaleFactor() + " into PostgreSQL schema " + settings.referenceSchema());
                loader.loadPostgres(pg, settings.referenceSchema(), TpchTableLayout.all());
            }
        }
        try (Connection admin = DriverManager.getConnection(settings.mysqlUrl(), settings.mysqlUser(), emptyToNull(settings.mysqlPassword()));
             Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + settings.mysqlDatabase() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        boolean mysqlLoaded;
        try (Connection my = DriverManager.getConnection(mysqlDatabaseUrl, settings.mysqlUser(), emptyToNull(settings.mysqlPassword()))) {
            mysqlLoaded = !needsLoad(my, TpchLoader.MARKER_TABLE);
        }
        if (!mysqlLoaded) {
            progress.line("loading TPC-H SF " + settings.scaleFactor() + " into MariaDB database " + settings.mysqlDatabase());
            loader.loadMariaDb(mysqlDatabaseUrl, settings.mysqlUser(), settings.mysqlPassword(), TpchSplit.mariaDbTables());
        }
        if (settings.duckDbFile() != null) {
            Files.createDirectories(settings.duckDbFile().toAbsolutePath().getParent());
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + settings.duckDbFile().toAbsolutePath())) {
                if (needsLoad(duck, TpchLoader.MARKER_TABLE)) {
                    progress.line("loading TPC-H SF " + settings.scaleFactor() + " into DuckDB " + settings.duckDbFile());
                    loader.loadDuckDb(duck, TpchTableLayout.all());
                }
            }
        }
    }

    private boolean needsLoad(Connection connection, String marker) {
        if (settings.reload()) {
            return true;
        }
        Optional<Double> loaded = TpchLoader.loadedScaleFactor(connection, marker);
        return loaded.isEmpty() || loaded.get() != settings.scaleFactor();
    }

    private Connection connectPostgres() throws SQLException {
        return DriverManager.getConnection(settings.pgUrl(), settings.pgUser(), emptyToNull(settings.pgPassword()));
    }

    private String mysqlDatabaseUrl() {
        Matcher m = MYSQL_URL.matcher(settings.mysqlUrl());
        if (!m.matches()) {
            throw new IllegalArgumentException("--mysql-url must look like jdbc:mariadb://host:port/database, got " + settings.mysqlUrl());
        }
        return m.group(1) + "/" + settings.mysqlDatabase() + (m.group(3) == null ? "" : m.group(3));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
