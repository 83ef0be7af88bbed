package io.junction.cli;

import io.junction.Junction;
import io.junction.cli.demo.DemoDataset;
import io.junction.cli.demo.DemoQuery;
import io.junction.cli.output.ResultFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "demo", description = {
        "Create sample SQLite, DuckDB and CSV sources and run cross-source queries.",
        "The data (kept if already there) and a catalog describing it go to --dir; each query's plan and result",
        "are printed. Needs no configuration."})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    JunctionCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "demo-data",
            description = "Directory for the demo's data and catalog (default: ${DEFAULT-VALUE}).")
    Path directory;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path catalog = DemoDataset.ensure(directory);
        out.println("Demo sources and catalog in " + directory.toAbsolutePath().normalize());
        out.println("  crm   (SQLite)  " + DemoDataset.SQLITE_FILE + ": customers, countries");
        out.println("  sales (DuckDB)  " + DemoDataset.DUCKDB_FILE + ": orders");
        out.println("  files (CSV)     " + DemoDataset.CSV_DIRECTORY + "/: products");
        out.println("Try your own queries: junction --config " + catalog + " repl");
        out.flush();
        int worst = ExitCode.OK;
        try (Junction junction = Junction.open(catalog)) {
            int number = 1;
            for (DemoQuery query : DemoQuery.ALL) {
                out.println();
                out.println("=== " + number++ + ". " + query.title());
                out.println(query.sql());
                try {
                    out.println("--- plan");
                    out.println(junction.explain(query.sql()));
                    out.println("--- result");
                    QueryPrinter.run(junction, query.sql(), ResultFormat.TABLE, out);
                } catch (RuntimeException e) {
                    out.flush();
                    worst = Math.max(worst, FailureReport.print(e, spec.commandLine().getErr(), cli.debug()));
                }
            }
        }
        return worst;
    }
}
