package io.junction.cli;

import io.junction.Junction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "describe", description = "Show a table's columns with their types, nullability, primary key and row estimate.")
final class DescribeCommand implements Callable<Integer> {
    @ParentCommand
    JunctionCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TABLE", description = "source.table or source.schema.table")
    String table;

    @Override
    public Integer call() {
        try (Junction junction = cli.openCatalog()) {
            new CatalogPrinter(junction, spec.commandLine().getOut()).describe(table);
        }
        return ExitCode.OK;
    }
}
