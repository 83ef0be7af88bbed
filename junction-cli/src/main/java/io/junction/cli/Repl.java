package io.junction.cli;

import io.junction.Junction;
import io.junction.cli.output.ResultFormat;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The interactive session: line editing and history (kept in {@code ~/.junction_history}), statements
 * that may span lines and run once a {@code ;} ends them, and backslash meta-commands. A failing
 * statement prints its error and the session goes on; Ctrl-C cancels the running query or the
 * statement being typed, Ctrl-D or {@code \q} ends the session.
 */
final class Repl {
    static final String HISTORY_FILE = ".junction_history";
    private static final String PROMPT = "junction> ";
    private static final String CONTINUATION_PROMPT = "       -> ";
    private static final String HELP = """
            Statements end with ';' and may span several lines.
              \\d              list the tables of every source
              \\d TABLE        describe a table (source.table or source.schema.table)
              \\explain QUERY  show the plan of a query
              \\sources        list the sources
              \\format FORMAT  print results as table, csv or json
              \\help           this help
              \\q              quit (or Ctrl-D)
            """;

    private final Junction junction;
    private final boolean debug;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private ResultFormat format = ResultFormat.TABLE;
    private PrintWriter out;

    Repl(Junction junction, boolean debug) {
        this.junction = junction;
        this.debug = debug;
    }

    int run() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            DefaultParser parser = new DefaultParser();
            // Backslashes and quotes are SQL's business, not the line editor's.
            parser.setEscapeChars(new char[0]);
            LineReader reader = LineReaderBuilder.builder()
                    .appName("junction")
                    .terminal(terminal)
                    .parser(parser)
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), HISTORY_FILE))
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            out = terminal.writer();
            terminal.handle(Terminal.Signal.INT, signal -> cancelled.set(true));
            out.println("Junction " + new JunctionCli.Version().getVersion()[0].replace("junction ", "")
                    + " — " + junction.sources().size() + " sources. Type \\help for help, \\q to quit.");
            loop(reader);
            reader.getHistory().save();
            return ExitCode.OK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void loop(LineReader reader) {
        StringBuilder pending = new StringBuilder();
        while (true) {
            String line;
            try {
                line = reader.readLine(pending.isEmpty() ? PROMPT : CONTINUATION_PROMPT);
            } catch (UserInterruptException e) {
                pending.setLength(0);
                continue;
            } catch (EndOfFileException e) {
                return;
            }
            if (pending.isEmpty() && line.strip().startsWith("\\")) {
                if (!metaCommand(line.strip())) {
                    return;
                }
                continue;
            }
            pending.append(line).append('\n');
            SqlStatements.Split split = SqlStatements.split(pending.toString());
            for (String sql : split.complete()) {
                runStatement(sql);
            }
            pending.setLength(0);
            if (!split.remainder().isBlank()) {
                pending.append(split.remainder());
            }
        }
    }

    private void runStatement(String sql) {
        cancelled.set(false);
        attempt(() -> QueryPrinter.run(junction, sql, format, out, cancelled::get));
    }

    /** Runs one meta-command; false when the session is to end. */
    private boolean metaCommand(String line) {
        String[] parts = line.split("\\s+", 2);
        String argument = parts.length > 1 ? parts[1].strip() : "";
        switch (parts[0]) {
            case "\\q", "\\quit" -> {
                return false;
            }
            case "\\d" -> attempt(() -> {
                CatalogPrinter catalog = new CatalogPrinter(junction, out);
                if (argument.isEmpty()) {
                    catalog.tables(null);
                } else {
                    catalog.describe(stripSemicolon(argument));
                }
            });
            case "\\explain" -> {
                if (argument.isEmpty()) {
                    out.println("usage: \\explain QUERY");
                } else {
                    attempt(() -> out.println(junction.explain(stripSemicolon(argument))));
                }
            }
            case "\\sources" -> attempt(() -> new CatalogPrinter(junction, out).sources());
            case "\\format" -> setFormat(argument);
            case "\\help", "\\?" -> out.print(HELP);
            default -> out.println("unknown command " + parts[0] + "; \\help lists the commands");
        }
        out.flush();
        return true;
    }

    private void setFormat(String name) {
        try {
            format = ResultFormat.valueOf(name.toUpperCase(Locale.ROOT));
            out.println("results are printed as " + name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            out.println("usage: \\format table|csv|json (now " + format.name().toLowerCase(Locale.ROOT) + ")");
        }
    }

    /** Runs an action, printing a failure instead of ending the session. */
    private void attempt(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            out.flush();
            FailureReport.print(e, out, debug);
        }
    }

    private static String stripSemicolon(String text) {
        String t = text.strip();
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        if (t.isEmpty()) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, "nothing to run");
        }
        return t;
    }
}
