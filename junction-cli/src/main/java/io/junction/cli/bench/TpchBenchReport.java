package io.junction.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The results of a TPC-H benchmark run as a table on the terminal and as JSON, CSV and HTML files: per
 * query the median time of Junction, its transfer floor, PostgreSQL alone and DuckDB alone, Junction's
 * ratio to each, rows returned, rows and bytes fetched from each source, and whether Junction's result
 * matched PostgreSQL's; then the geometric means (a query that hit the time limit counts as the limit).
 */
final class TpchBenchReport {
    private final TpchBenchmark.Settings settings;
    private final List<TpchBenchmark.QueryOutcome> outcomes;
    private final Instant finishedAt = Instant.now();

    TpchBenchReport(TpchBenchmark.Settings settings, List<TpchBenchmark.QueryOutcome> outcomes) {
        this.settings = settings;
        this.outcomes = outcomes;
    }

    void print(PrintWriter out) {
        Duration limit = settings.timeout();
        out.printf(Locale.ROOT, "%nTPC-H SF %s, median of %d after %d warm-up, Junction JIT-warmed by %d rounds (ms)%n", scale(),
                settings.repetitions(), settings.warmups(), settings.jitWarmupRounds());
        out.printf(Locale.ROOT, "%-5s %10s %10s %10s %10s %7s %7s %7s %8s %10s %9s  %s%n",
                "query", "junction", "floor", "postgres", "duckdb", "J/PG", "J/Duck", "J/floor", "rows", "fetched", "MB", "check");
        for (TpchBenchmark.QueryOutcome o : outcomes) {
            double j = o.junction().medianMillis(limit);
            out.printf(Locale.ROOT, "Q%-4d %10s %10s %10s %10s %7s %7s %7s %8d %10d %9s  %s%n", o.number(),
                    cell(o.junction(), limit), cell(o.floor(), limit), cell(o.postgres(), limit), cell(o.duckdb(), limit),
                    ratio(j, o.postgres().medianMillis(limit)), ratio(j, o.duckdb().medianMillis(limit)),
                    ratio(j, o.floor().medianMillis(limit)), o.resultRows(), o.rowsFetched(), megabytes(o.bytesFetched()), o.check());
        }
        Summary summary = summary();
        out.printf(Locale.ROOT, "%-5s %10s %10s %10s %10s %7s %7s %7s%n", "geo", number(summary.junction()), number(summary.floor()),
                number(summary.postgres()), number(summary.duckdb()), ratio(summary.junction(), summary.postgres()),
                ratio(summary.junction(), summary.duckdb()), ratio(summary.junction(), summary.floor()));
        out.printf(Locale.ROOT, "%d of %d results checked equal to PostgreSQL's; %d of %d queries within 2x of their transfer floor%n",
                summary.correct(), outcomes.size(), summary.withinTwiceFloor(), outcomes.size());
        out.printf(Locale.ROOT, "target: geometric mean at most 0.5x PostgreSQL alone: %s (%s)%n",
                summary.junction() <= 0.5 * summary.postgres() ? "met" : "not met", ratio(summary.junction(), summary.postgres()));
    }

    /** Geometric means of the medians, results checked equal, and queries within twice their floor. */
    record Summary(double junction, double postgres, double duckdb, double floor, long correct, long withinTwiceFloor) {
    }

    Summary summary() {
        Duration limit = settings.timeout();
        long within = outcomes.stream().filter(o -> withinTwiceFloor(o, limit)).count();
        return new Summary(geometricMean(o -> o.junction().medianMillis(limit)), geometricMean(o -> o.postgres().medianMillis(limit)),
                geometricMean(o -> o.duckdb().medianMillis(limit)), geometricMean(o -> o.floor().medianMillis(limit)),
                outcomes.stream().filter(TpchBenchmark.QueryOutcome::correct).count(), within);
    }

    /** The per-query target: Junction's median at most twice its transfer floor's (a floor under 1 ms counts as 1 ms). */
    static boolean withinTwiceFloor(TpchBenchmark.QueryOutcome o, Duration limit) {
        double j = o.junction().medianMillis(limit);
        double f = o.floor().medianMillis(limit);
        return j >= 0 && f >= 0 && j <= 2 * Math.max(f, 1);
    }

    /** Writes tpch-sfN.json, tpch-sfN.csv and tpch-sfN.html into {@code directory}; returns their paths. */
    List<Path> write(Path directory) throws IOException {
        Files.createDirectories(directory);
        String base = "tpch-" + TpchBenchmark.scaleName(settings.scaleFactor());
        Path json = directory.resolve(base + ".json");
        Path csv = directory.resolve(base + ".csv");
        Path html = directory.resolve(base + ".html");
        Duration limit = settings.timeout();

        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("benchmark", "tpch");
        root.put("scaleFactor", settings.scaleFactor());
        root.put("jitWarmupRounds", settings.jitWarmupRounds());
        root.put("warmups", settings.warmups());
        root.put("repetitions", settings.repetitions());
        root.put("timeoutSeconds", limit.toSeconds());
        root.put("finishedAt", finishedAt.toString());
        ArrayNode queries = root.putArray("queries");
        StringBuilder table = new StringBuilder("query,junction_ms,floor_ms,postgres_ms,duckdb_ms,junction_timed_out,postgres_timed_out,"
                + "rows,rows_fetched,bytes_fetched,fetched_by_source,check\n");
        for (TpchBenchmark.QueryOutcome o : outcomes) {
            ObjectNode q = queries.addObject();
            q.put("query", o.number());
            timing(q.putObject("junction"), o.junction(), limit);
            timing(q.putObject("transferFloor"), o.floor(), limit);
            timing(q.putObject("postgres"), o.postgres(), limit);
            timing(q.putObject("duckdb"), o.duckdb(), limit);
            q.put("rows", o.resultRows());
            q.put("rowsFetchedFromSources", o.rowsFetched());
            q.put("bytesFetchedFromSources", o.bytesFetched());
            ArrayNode sources = q.putArray("fetchedBySource");
            for (TpchBenchmark.SourceFetch f : o.fetched()) {
                ObjectNode n = sources.addObject();
                n.put("source", f.source());
                n.put("statements", f.statements());
                n.put("rows", f.rows());
                n.put("bytes", f.bytes());
            }
            q.put("check", o.check());
            table.append(String.format(Locale.ROOT, "%d,%.1f,%.1f,%.1f,%.1f,%b,%b,%d,%d,%d,%s,%s%n", o.number(),
                    o.junction().medianMillis(limit), o.floor().medianMillis(limit), o.postgres().medianMillis(limit),
                    o.duckdb().medianMillis(limit), o.junction().timedOut(), o.postgres().timedOut(), o.resultRows(),
                    o.rowsFetched(), o.bytesFetched(), csvField(fetchedText(o)), csvField(o.check())));
        }
        Summary summary = summary();
        ObjectNode geo = root.putObject("geometricMeanMillis");
        geo.put("junction", summary.junction());
        geo.put("transferFloor", summary.floor());
        geo.put("postgres", summary.postgres());
        geo.put("duckdb", summary.duckdb());
        root.put("resultsCheckedEqual", summary.correct());
        root.put("queriesWithinTwiceTransferFloor", summary.withinTwiceFloor());
        mapper.writeValue(json.toFile(), root);
        Files.writeString(csv, table, StandardCharsets.UTF_8);
        Files.writeString(html, new TpchHtmlReport(settings, outcomes, summary, finishedAt).render(), StandardCharsets.UTF_8);
        return List.of(json, csv, html);
    }

    /** What each source returned, e.g. {@code pg 3 statements 1200 rows 45000 bytes; my ...}. */
    static String fetchedText(TpchBenchmark.QueryOutcome o) {
        StringBuilder b = new StringBuilder();
        for (TpchBenchmark.SourceFetch f : o.fetched()) {
            b.append(b.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT, "%s %d statements %d rows %d bytes",
                    f.source(), f.statements(), f.rows(), f.bytes()));
        }
        return b.toString();
    }

    private static String csvField(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static void timing(ObjectNode node, TpchBenchmark.Timing timing, Duration limit) {
        node.put("medianMillis", timing.medianMillis(limit));
        ArrayNode all = node.putArray("millis");
        timing.millis().forEach(all::add);
        node.put("timedOut", timing.timedOut());
        if (timing.failure() != null) {
            node.put("failure", timing.failure());
        }
    }

    /** Geometric mean over the queries where the value is known (not failed); NaN when there are none. */
    private double geometricMean(Function<TpchBenchmark.QueryOutcome, Double> value) {
        double logSum = 0;
        int n = 0;
        for (TpchBenchmark.QueryOutcome o : outcomes) {
            double v = value.apply(o);
            if (v >= 0) {
                logSum += Math.log(Math.max(v, 0.1));
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(logSum / n);
    }

    private String scale() {
        return java.math.BigDecimal.valueOf(settings.scaleFactor()).stripTrailingZeros().toPlainString();
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    static String cell(TpchBenchmark.Timing timing, Duration limit) {
        if (timing.timedOut()) {
            return ">" + limit.toSeconds() + "s";
        }
        double median = timing.medianMillis(limit);
        return median < 0 ? (timing.failure() != null && timing.failure().equals("not run") ? "-" : "failed") : number(median);
    }

    static String number(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.1f", millis);
    }

    static String ratio(double a, double b) {
        return a < 0 || b <= 0 || Double.isNaN(a) || Double.isNaN(b) ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
    }
}
