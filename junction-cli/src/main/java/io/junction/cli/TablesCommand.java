package io.junction.cli;

import io.junction.Junction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "tables", description = "List the tables and views of one source, or of all sources.")
final class TablesCommand implements Callable<Integer> {
    @ParentCommand
    JunctionCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SOURCE", arity = "0..1", description = "Source name (default: every source).")
    String source;

    @Override
    public Integer call() {
        try (Junction junction = cli.openCatalog()) {
            new CatalogPrinter(junction, spec.commandLine().getOut()).tables(source);
        }
        return ExitCode.OK;
    }
}
