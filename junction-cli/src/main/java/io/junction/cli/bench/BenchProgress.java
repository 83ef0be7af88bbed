package io.junction.cli.bench;

import io.junction.tpch.TpchLoader;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * What the benchmark shows while it works: a bar per table being loaded (rows so far of the rows
 * expected) and one bar over the whole run (runs done of runs planned, naming the current one), drawn
 * on standard error when it is a terminal. Finished steps are also printed as plain lines on the
 * benchmark's output, so a log of a non-interactive run still tells how far it got.
 */
final class BenchProgress implements TpchLoader.Progress, AutoCloseable {
    private final PrintWriter out;
    private final PrintStream terminal;
    private final ToLongFunction<String> expectedRows;
    private ProgressBar loadBar;
    private String loadKey;
    private ProgressBar runBar;

    /**
     * @param terminal     where bars are drawn, or {@code null} for lines only
     * @param expectedRows rows a table is expected to have, by table name
     */
    BenchProgress(PrintWriter out, PrintStream terminal, ToLongFunction<String> expectedRows) {
        this.out = out;
        this.terminal = terminal;
        this.expectedRows = expectedRows;
    }

    /** Bars on standard error when the process has a console, otherwise lines only. */
    static BenchProgress forConsole(PrintWriter out, ToLongFunction<String> expectedRows) {
        return new BenchProgress(out, System.console() != null ? System.err : null, expectedRows);
    }

    @Override
    public synchronized void rowsWritten(String database, String table, long rowsSoFar) {
        if (terminal == null) {
            return;
        }
        String key = database + " " + table;
        if (!key.equals(loadKey)) {
            closeLoadBar();
            loadKey = key;
            loadBar = bar("load " + key, expectedRows.applyAsLong(table), " rows");
        }
        loadBar.maxHint(Math.max(loadBar.getMax(), rowsSoFar));
        loadBar.stepTo(rowsSoFar);
    }

    @Override
    public synchronized void tableLoaded(String database, String table, long rows, long millis) {
        closeLoadBar();
        out.printf(Locale.ROOT, "  loaded %-22s %-9s %,12d rows in %,8d ms%n", database, table, rows, millis);
        out.flush();
    }

    /** Starts the bar over the measured runs. */
    synchronized void runStarted(long plannedRuns) {
        if (terminal != null) {
            runBar = bar("TPC-H", plannedRuns, " runs");
        }
    }

    /** One run (of one system, one query) is about to start. */
    synchronized void running(String what) {
        if (runBar != null) {
            runBar.setExtraMessage(what);
        }
    }

    /** One run ended. */
    synchronized void ran() {
        if (runBar != null) {
            runBar.step();
        }
    }

    /** Prints a finished step as a line (above the bars, which redraw themselves). */
    synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    @Override
    public synchronized void close() {
        closeLoadBar();
        if (runBar != null) {
            runBar.close();
            runBar = null;
        }
    }

    private ProgressBar bar(String task, long max, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(unit, 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(terminal)).continuousUpdate().build();
    }

    private void closeLoadBar() {
        if (loadBar != null) {
            loadBar.close();
            loadBar = null;
            loadKey = null;
        }
    }
}
