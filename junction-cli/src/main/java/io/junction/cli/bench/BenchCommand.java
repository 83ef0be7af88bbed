package io.junction.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code junction bench}: benchmarks; each kind of benchmark is a subcommand. */
@Command(name = "bench", description = "Run benchmarks (see 'junction bench tpch --help').",
        subcommands = {TpchBenchCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
