package io.junction.cli;

import io.junction.Junction;
import io.junction.cli.output.ResultFormat;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sql", description = "Run a query (or several, separated by ';') and print the result.")
final class SqlCommand implements Callable<Integer> {
    @ParentCommand
    JunctionCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table, csv or json (default: ${DEFAULT-VALUE}).")
    ResultFormat format;

    @Parameters(paramLabel = "QUERY", description = "The SQL query; quote it for the shell.")
    String sql;

    @Override
    public Integer call() {
        List<String> statements = statements(sql);
        try (Junction junction = cli.openCatalog()) {
            for (String statement : statements) {
                QueryPrinter.run(junction, statement, format, spec.commandLine().getOut());
            }
        }
        return ExitCode.OK;
    }

    static List<String> statements(String text) {
        SqlStatements.Split split = SqlStatements.split(text);
        List<String> all = new java.util.ArrayList<>(split.complete());
        if (!split.remainder().isBlank()) {
            all.add(split.remainder().strip());
        }
        if (all.isEmpty()) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, "the query is empty");
        }
        return all;
    }
}
