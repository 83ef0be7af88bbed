package io.junction.cli;

import io.junction.Junction;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "repl", description = "Interactive SQL session with line editing and history (the default on a terminal).")
final class ReplCommand implements Callable<Integer> {
    @ParentCommand
    JunctionCli cli;

    @Override
    public Integer call() {
        try (Junction junction = cli.openCatalog()) {
            return new Repl(junction, cli.debug()).run();
        }
    }
}
