package io.junction.cli;

import io.junction.Junction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "explain", description = "Print the plan of a query: its operators and the SQL each source receives.")
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    JunctionCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "QUERY", description = "The SQL query; quote it for the shell.")
    String sql;

    @Override
    public Integer call() {
        try (Junction junction = cli.openCatalog()) {
            for (String statement : SqlCommand.statements(sql)) {
                spec.commandLine().getOut().println(junction.explain(statement));
            }
        }
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
