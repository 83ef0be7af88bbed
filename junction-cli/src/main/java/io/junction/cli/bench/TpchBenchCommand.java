package io.junction.cli.bench;

import io.junction.cli.ExitCode;
import io.junction.tpch.TpchTableLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code junction bench tpch --sf N}: loads TPC-H at scale factor N into the federated split and the
 * references (skipped when already loaded at that scale), runs the 22 queries through Junction, in
 * PostgreSQL alone and in DuckDB alone, alternating, with the transfer floor of Junction's source
 * statements, and reports medians, ratios, data fetched and result checks on the terminal and as JSON,
 * CSV and HTML.
 */
@Command(name = "tpch", mixinStandardHelpOptions = true, description = {
        "TPC-H over the federated split (lineitem, orders, part, partsupp in PostgreSQL; customer, supplier,",
        "nation, region in MariaDB) against PostgreSQL alone and DuckDB alone.",
        "Loads the data first unless it is already there at this scale factor."})
public final class TpchBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sf", description = "Scale factor (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    double scaleFactor;

    @Option(names = "--reps", description = "Measured repetitions per query and system (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int repetitions;

    @Option(names = "--jit-warmup", paramLabel = "ROUNDS", defaultValue = "3", description = {
            "Rounds over all the selected queries that Junction runs untimed before anything is measured,",
            "so that its planner and operators are JIT-compiled as in a long-running Junction (default: ${DEFAULT-VALUE})."})
    int jitWarmupRounds;

    @Option(names = "--warmup", description = "Unmeasured runs per query and system first (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int warmups;

    @Option(names = "--queries", split = ",", paramLabel = "N", description = "Only these query numbers (default: all 22).")
    List<Integer> queries;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Per-query limit; a query that hits it counts as this long (default: ${DEFAULT-VALUE}).",
            defaultValue = "300")
    long timeoutSeconds;

    @Option(names = "--pg-url", description = "PostgreSQL database holding the schemas (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:JUNCTION_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}")
    String pgUrl;

    @Option(names = "--pg-user", defaultValue = "${env:JUNCTION_PG_USER:-postgres}", description = "(default: ${DEFAULT-VALUE})")
    String pgUser;

    @Option(names = "--pg-password", defaultValue = "${env:JUNCTION_PG_PASSWORD:-}", description = "(default: from JUNCTION_PG_PASSWORD)")
    String pgPassword;

    @Option(names = "--mysql-url", description = "MariaDB/MySQL server; the benchmark uses its own database there (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:JUNCTION_MYSQL_URL:-jdbc:mariadb://127.0.0.1:3306/test}")
    String mysqlUrl;

    @Option(names = "--mysql-user", defaultValue = "${env:JUNCTION_MYSQL_USER:-root}", description = "(default: ${DEFAULT-VALUE})")
    String mysqlUser;

    @Option(names = "--mysql-password", defaultValue = "${env:JUNCTION_MYSQL_PASSWORD:-}", description = "(default: from JUNCTION_MYSQL_PASSWORD)")
    String mysqlPassword;

    @Option(names = "--no-duckdb", description = "Do not load or run the DuckDB reference.")
    boolean noDuckDb;

    @Option(names = "--reload", description = "Load the data even if it is already there at this scale factor.")
    boolean reload;

    @Option(names = "--data-name", paramLabel = "NAME", description = {"Base name of the data: PostgreSQL schemas NAME_split and NAME_ref,",
            "MariaDB database NAME (default: tpch_sfN, e.g. tpch_sf1)."})
    String dataName;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for tpch-sfN.json / .csv / .html and the DuckDB file (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench-results")
    Path outputDirectory;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TpchBenchmark.Settings settings = new TpchBenchmark.Settings(scaleFactor, jitWarmupRounds, warmups, repetitions,
                queries == null || queries.isEmpty() ? java.util.stream.IntStream.rangeClosed(1, 22).boxed().toList() : queries,
                Duration.ofSeconds(timeoutSeconds), pgUrl, pgUser, pgPassword, mysqlUrl, mysqlUser, mysqlPassword,
                noDuckDb ? null : outputDirectory.resolve("tpch-" + TpchBenchmark.scaleName(scaleFactor) + ".duckdb"), reload, dataName);
        List<TpchBenchmark.QueryOutcome> outcomes;
        try (BenchProgress progress = BenchProgress.forConsole(out, table -> TpchTableLayout.of(table).expectedRows(scaleFactor))) {
            outcomes = new TpchBenchmark(settings, progress).run();
        }
        TpchBenchReport report = new TpchBenchReport(settings, outcomes);
        report.print(out);
        for (Path file : report.write(outputDirectory)) {
            out.println("wrote " + file);
        }
        out.flush();
        return outcomes.stream().allMatch(TpchBenchmark.QueryOutcome::correct) ? ExitCode.OK : ExitCode.USER_ERROR;
    }
}
