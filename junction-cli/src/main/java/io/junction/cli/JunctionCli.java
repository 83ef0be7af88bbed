package io.junction.cli;

import io.junction.Junction;
import io.junction.cli.bench.BenchCommand;
import io.junction.cli.output.ResultFormat;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The {@code junction} command. Without a subcommand it starts the REPL when stdin is a terminal, and
 * otherwise runs the {@code ;}-separated statements read from stdin.
 */
@Command(name = "junction", mixinStandardHelpOptions = true, versionProvider = JunctionCli.Version.class,
        description = "Federated SQL over PostgreSQL, MySQL/MariaDB, SQLite, DuckDB and CSV sources.",
        subcommands = {SqlCommand.class, ExplainCommand.class, SourcesCommand.class, TablesCommand.class,
                DescribeCommand.class, ReplCommand.class, DemoCommand.class, BenchCommand.class, ServeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 error in the command, query or catalog, 2 a source failed, 3 internal error."})
public final class JunctionCli implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Catalog file describing the sources (default: ${DEFAULT-VALUE} in the working directory).")
    Path config = Path.of(Junction.DEFAULT_CONFIG_FILE);

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private final boolean interactive;

    JunctionCli(InputStream stdin, boolean interactive) {
        this.stdin = stdin;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code = run(args, out, err, System.in, InteractiveTerminal.isInteractive());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line and returns the exit code (see {@link ExitCode}); never exits the JVM. */
    static int run(String[] args, PrintWriter out, PrintWriter err, InputStream stdin, boolean interactive) {
        JunctionCli root = new JunctionCli(stdin, interactive);
        CommandLine cli = new CommandLine(root);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((failure, line, parsed) -> FailureReport.print(failure, line.getErr(), root.debug));
        cli.setParameterExceptionHandler((failure, arguments) -> {
            err.println("junction: " + failure.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(failure, err);
            err.println("Try 'junction --help' for the commands and their options.");
            err.flush();
            return ExitCode.USER_ERROR;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        if (interactive) {
            try (Junction junction = openCatalog()) {
                return new Repl(junction, debug).run();
            }
        }
        return runScript();
    }

    /** Runs the statements read from stdin, stopping at the first failure. */
    private int runScript() {
        String text;
        try {
            text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "cannot read statements from stdin: " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return ExitCode.USER_ERROR;
        }
        java.util.List<String> statements = SqlCommand.statements(text);
        PrintWriter out = spec.commandLine().getOut();
        try (Junction junction = openCatalog()) {
            for (String sql : statements) {
                QueryPrinter.run(junction, sql, ResultFormat.TABLE, out);
            }
        }
        return ExitCode.OK;
    }

    /** The catalog named by {@code --config}; a missing file is a configuration error saying what to do. */
    Junction openCatalog() {
        if (!Files.isRegularFile(config)) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "catalog file " + config.toAbsolutePath()
                    + " not found; pass --config FILE, or run 'junction demo' to create an example catalog");
        }
        return Junction.open(config);
    }

    boolean debug() {
        return debug;
    }

    /** The version this build was made from, recorded in a resource at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = JunctionCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"junction " + p.getProperty("version", "(unknown version)"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
