package io.junction.cli;

import io.junction.Junction;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "sources", description = "List the configured sources and their types.")
final class SourcesCommand implements Callable<Integer> {
    @ParentCommand
    JunctionCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Junction junction = cli.openCatalog()) {
            new CatalogPrinter(junction, spec.commandLine().getOut()).sources();
        }
        return ExitCode.OK;
    }
}
