package io.junction.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A TPC-H run as one self-contained HTML page (no scripts, no external files): the settings and the
 * targets, a table of all queries, and a bar chart per query comparing Junction, its transfer floor,
 * PostgreSQL alone and DuckDB alone, each chart on its own scale. A system that hit the time limit is
 * drawn at the limit and marked; one that failed has no bar and says so.
 */
final class TpchHtmlReport {
    private static final int CHART_WIDTH = 560;
    private static final int LABEL_WIDTH = 120;
    private static final int BAR_HEIGHT = 18;
    private static final int BAR_GAP = 6;

    private record Series(String name, String colour) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("Junction", "#2b6cb0"), new Series("transfer floor", "#a0aec0"),
            new Series("PostgreSQL alone", "#c05621"), new Series("DuckDB alone", "#2f855a"));

    private final TpchBenchmark.Settings settings;
    private final List<TpchBenchmark.QueryOutcome> outcomes;
    private final TpchBenchReport.Summary summary;
    private final Instant finishedAt;

    TpchHtmlReport(TpchBenchmark.Settings settings, List<TpchBenchmark.QueryOutcome> outcomes, TpchBenchReport.Summary summary,
                   Instant finishedAt) {
        this.settings = settings;
        this.outcomes = outcomes;
        this.summary = summary;
        this.finishedAt = finishedAt;
    }

    String render() {
        String scale = java.math.BigDecimal.valueOf(settings.scaleFactor()).stripTrailingZeros().toPlainString();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Junction TPC-H SF ").append(escape(scale))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;color:#1a202c}table{border-collapse:collapse}"
                        + "td,th{padding:2px 8px;border-bottom:1px solid #e2e8f0;text-align:right}td:first-child,th:first-child,td.l{text-align:left}"
                        + ".bad{color:#c53030}.good{color:#2f855a}.q{display:inline-block;margin:0 2em 1.5em 0;vertical-align:top}"
                        + "svg text{font-size:12px}</style></head><body>\n");
        h.append("<h1>Junction TPC-H, scale factor ").append(escape(scale)).append("</h1>\n");
        h.append("<p>Federated split: lineitem, orders, part, partsupp in PostgreSQL; customer, supplier, nation, region in MariaDB. "
                + "References: all eight tables in one PostgreSQL schema, and in DuckDB. Median of ")
                .append(settings.repetitions()).append(" runs after ").append(settings.warmups()).append(" warm-up, Junction's JIT first warmed by ")
                .append(settings.jitWarmupRounds()).append(" untimed rounds over the queries; time limit ")
                .append(settings.timeout().toSeconds()).append(" s (a query over it counts as the limit). Finished ")
                .append(escape(finishedAt.toString())).append(".</p>\n");
        summary(h);
        legend(h);
        table(h);
        h.append("<h2>Per query (ms)</h2>\n");
        for (TpchBenchmark.QueryOutcome o : outcomes) {
            chart(h, o);
        }
        return h.append("</body></html>\n").toString();
    }

    private void summary(StringBuilder h) {
        double vsPostgres = summary.junction() / summary.postgres();
        h.append("<h2>Summary</h2>\n<table><tr><th></th><th>geometric mean (ms)</th></tr>\n");
        row(h, "Junction", summary.junction());
        row(h, "transfer floor", summary.floor());
        row(h, "PostgreSQL alone", summary.postgres());
        row(h, "DuckDB alone", summary.duckdb());
        h.append("</table>\n<ul>\n");
        target(h, vsPostgres <= 0.5, "Junction / PostgreSQL alone, geometric mean: " + TpchBenchReport.ratio(summary.junction(), summary.postgres())
                + " (target at most 0.50)");
        target(h, summary.withinTwiceFloor() == outcomes.size(), summary.withinTwiceFloor() + " of " + outcomes.size()
                + " queries within 2x of their transfer floor (target: all)");
        target(h, summary.correct() == outcomes.size(), summary.correct() + " of " + outcomes.size()
                + " results checked equal to PostgreSQL's");
        h.append("</ul>\n");
    }

    private static void row(StringBuilder h, String name, double millis) {
        h.append("<tr><td>").append(name).append("</td><td>").append(TpchBenchReport.number(millis)).append("</td></tr>\n");
    }

    private static void target(StringBuilder h, boolean met, String text) {
        h.append("<li class=\"").append(met ? "good" : "bad").append("\">").append(met ? "met: " : "not met: ")
                .append(escape(text)).append("</li>\n");
    }

    private static void legend(StringBuilder h) {
        h.append("<p>");
        for (Series s : SERIES) {
            h.append("<span style=\"display:inline-block;width:12px;height:12px;background:").append(s.colour())
                    .append("\"></span> ").append(s.name()).append(" &nbsp; ");
        }
        h.append("</p>\n");
    }

    private void table(StringBuilder h) {
        Duration limit = settings.timeout();
        h.append("<h2>All queries (ms)</h2>\n<table><tr><th>query</th><th>Junction</th><th>floor</th><th>PostgreSQL</th><th>DuckDB</th>"
                + "<th>J/PG</th><th>J/DuckDB</th><th>J/floor</th><th>rows</th><th>rows fetched</th><th>MB fetched</th>"
                + "<th>fetched per source</th><th>check</th></tr>\n");
        for (TpchBenchmark.QueryOutcome o : outcomes) {
            double j = o.junction().medianMillis(limit);
            double p = o.postgres().medianMillis(limit);
            double f = o.floor().medianMillis(limit);
            h.append("<tr><td>Q").append(o.number()).append("</td><td>").append(escape(TpchBenchReport.cell(o.junction(), limit)))
                    .append("</td><td>").append(escape(TpchBenchReport.cell(o.floor(), limit)))
                    .append("</td><td>").append(escape(TpchBenchReport.cell(o.postgres(), limit)))
                    .append("</td><td>").append(escape(TpchBenchReport.cell(o.duckdb(), limit)))
                    .append("</td><td class=\"").append(j >= 0 && p > 0 && j <= 0.5 * p ? "good" : "bad").append("\">")
                    .append(TpchBenchReport.ratio(j, p))
                    .append("</td><td>").append(TpchBenchReport.ratio(j, o.duckdb().medianMillis(limit)))
                    .append("</td><td class=\"").append(TpchBenchReport.withinTwiceFloor(o, limit) ? "good" : "bad").append("\">")
                    .append(TpchBenchReport.ratio(j, f))
                    .append("</td><td>").append(o.resultRows()).append("</td><td>").append(o.rowsFetched())
                    .append("</td><td>").append(TpchBenchReport.megabytes(o.bytesFetched()))
                    .append("</td><td class=\"l\">").append(escape(TpchBenchReport.fetchedText(o)))
                    .append("</td><td class=\"l ").append(o.correct() ? "good" : "bad").append("\">").append(escape(o.check()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private void chart(StringBuilder h, TpchBenchmark.QueryOutcome o) {
        Duration limit = settings.timeout();
        List<TpchBenchmark.Timing> timings = List.of(o.junction(), o.floor(), o.postgres(), o.duckdb());
        double max = 1;
        for (TpchBenchmark.Timing t : timings) {
            max = Math.max(max, t.medianMillis(limit));
        }
        int height = SERIES.size() * (BAR_HEIGHT + BAR_GAP);
        int width = LABEL_WIDTH + CHART_WIDTH + 90;
        h.append("<div class=\"q\"><h3>Q").append(o.number()).append("</h3>\n<svg width=\"").append(width).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"Q").append(o.number()).append(" times\">\n");
        for (int i = 0; i < SERIES.size(); i++) {
            TpchBenchmark.Timing t = timings.get(i);
            double millis = t.medianMillis(limit);
            int y = i * (BAR_HEIGHT + BAR_GAP);
            h.append("<text x=\"0\" y=\"").append(y + BAR_HEIGHT - 5).append("\">").append(SERIES.get(i).name()).append("</text>");
            int barWidth = millis < 0 ? 0 : (int) Math.max(1, Math.round(CHART_WIDTH * millis / max));
            if (barWidth > 0) {
                h.append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"").append(barWidth)
                        .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(SERIES.get(i).colour()).append("\"/>");
            }
            h.append("<text x=\"").append(LABEL_WIDTH + barWidth + 4).append("\" y=\"").append(y + BAR_HEIGHT - 5).append("\">")
                    .append(escape(TpchBenchReport.cell(t, limit))).append("</text>\n");
        }
        h.append("</svg></div>\n");
    }

    /** Text as HTML character data or attribute value. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
