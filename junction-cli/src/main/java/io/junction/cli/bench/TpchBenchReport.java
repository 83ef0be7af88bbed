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
 * The results of a TPC-H benchmark run as a table on the terminal and as JSON and CSV files: per query
 * the median time of Junction, PostgreSQL alone and DuckDB alone, Junction's ratio to each, rows
 * returned and fetched from the sources, and whether Junction's result matched PostgreSQL's; then the
 * geometric means (a query that hit the time limit counts as the limit).
 */
final class TpchBenchReport {
    private final TpchBenchmark.Settings settings;
    private final List<TpchBenchmark.QueryOutcome> outcomes;

    TpchBenchReport(TpchBenchmark.Settings settings, List<TpchBenchmark.QueryOutcome> outcomes) {
        this.settings = settings;
        this.outcomes = outcomes;
    }

    void print(PrintWriter out) {
        Duration limit = settings.timeout();
        out.printf(Locale.ROOT, "%nTPC-H SF %s, median of %d after %d warm-up (ms)%n", scale(), settings.repetitions(), settings.warmups());
        out.printf(Locale.ROOT, "%-5s %10s %10s %10s %8s %8s %7s %10s  %s%n",
                "query", "junction", "postgres", "duckdb", "J/PG", "J/Duck", "rows", "fetched", "check");
        for (TpchBenchmark.QueryOutcome o : outcomes) {
            double j = o.junction().medianMillis(limit);
            double p = o.postgres().medianMillis(limit);
            double d = o.duckdb().medianMillis(limit);
            out.printf(Locale.ROOT, "Q%-4d %10s %10s %10s %8s %8s %7d %10d  %s%n", o.number(),
                    cell(o.junction(), limit), cell(o.postgres(), limit), cell(o.duckdb(), limit),
                    ratio(j, p), ratio(j, d), o.resultRows(), o.rowsFetched(), o.check());
        }
        double gj = geometricMean(o -> o.junction().medianMillis(limit));
        double gp = geometricMean(o -> o.postgres().medianMillis(limit));
        double gd = geometricMean(o -> o.duckdb().medianMillis(limit));
        out.printf(Locale.ROOT, "%-5s %10s %10s %10s %8s %8s%n", "geo", number(gj), number(gp), number(gd), ratio(gj, gp), ratio(gj, gd));
        long correct = outcomes.stream().filter(TpchBenchmark.QueryOutcome::correct).count();
        out.printf(Locale.ROOT, "%d of %d results checked equal to PostgreSQL's%n", correct, outcomes.size());
    }

    /** Writes tpch-sfN.json and tpch-sfN.csv into {@code directory}; returns their paths. */
    List<Path> write(Path directory) throws IOException {
        Files.createDirectories(directory);
        String base = "tpch-" + TpchBenchmark.scaleName(settings.scaleFactor());
        Path json = directory.resolve(base + ".json");
        Path csv = directory.resolve(base + ".csv");
        Duration limit = settings.timeout();

        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("benchmark", "tpch");
        root.put("scaleFactor", settings.scaleFactor());
        root.put("warmups", settings.warmups());
        root.put("repetitions", settings.repetitions());
        root.put("timeoutSeconds", limit.toSeconds());
        root.put("finishedAt", Instant.now().toString());
        ArrayNode queries = root.putArray("queries");
        StringBuilder table = new StringBuilder("query,junction_ms,postgres_ms,duckdb_ms,junction_timed_out,postgres_timed_out,rows,rows_fetched,check\n");
        for (TpchBenchmark.QueryOutcome o : outcomes) {
            ObjectNode q = queries.addObject();
            q.put("query", o.number());
            timing(q.putObject("junction"), o.junction(), limit);
            timing(q.putObject("postgres"), o.postgres(), limit);
            timing(q.putObject("duckdb"), o.duckdb(), limit);
            q.put("rows", o.resultRows());
            q.put("rowsFetchedFromSources", o.rowsFetched());
            q.put("check", o.check());
            table.append(String.format(Locale.ROOT, "%d,%.1f,%.1f,%.1f,%b,%b,%d,%d,\"%s\"%n", o.number(),
                    o.junction().medianMillis(limit), o.postgres().medianMillis(limit), o.duckdb().medianMillis(limit),
                    o.junction().timedOut(), o.postgres().timedOut(), o.resultRows(), o.rowsFetched(), o.check().replace("\"", "\"\"")));
        }
        ObjectNode geo = root.putObject("geometricMeanMillis");
        geo.put("junction", geometricMean(o -> o.junction().medianMillis(limit)));
        geo.put("postgres", geometricMean(o -> o.postgres().medianMillis(limit)));
        geo.put("duckdb", geometricMean(o -> o.duckdb().medianMillis(limit)));
        mapper.writeValue(json.toFile(), root);
        Files.writeString(csv, table, StandardCharsets.UTF_8);
        return List.of(json, csv);
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

    private static String cell(TpchBenchmark.Timing timing, Duration limit) {
        if (timing.timedOut()) {
            return ">" + limit.toSeconds() + "s";
        }
        double median = timing.medianMillis(limit);
        return median < 0 ? (timing.failure() != null && timing.failure().equals("not run") ? "-" : "failed") : number(median);
    }

    private static String number(double millis) {
        return Double.isNaN(millis) ? "-" : String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String ratio(double a, double b) {
        return a < 0 || b <= 0 || Double.isNaN(a) || Double.isNaN(b) ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
    }
}
