package io.junction.bench;

import io.junction.exec.ExecutionContext;
import io.junction.exec.memory.MemoryBudget;
import io.junction.exec.memory.MemoryPool;
import io.junction.vector.Batch;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the operator benchmarks (any JMH command-line options pass through, e.g. {@code -i 5} or a name
 * filter) and prints, per operation, Junction's and DuckDB's time, their ratio, Junction's rate against
 * the target, and the memory Junction reserved against the size of the data it had to hold.
 */
public final class BenchmarkReport {
    private record Operation(String benchmark, String unit, double units, double target, boolean targetIsSeconds) {
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("FilterProjectBenchmark", "M rows/s", FilterProjectBenchmark.ROWS, 200, false),
            new Operation("HashAggregateBenchmark", "M rows/s", HashAggregateBenchmark.ROWS, 50, false),
            new Operation("HashJoinBenchmark", "M probe rows/s", HashJoinBenchmark.PROBE_ROWS, 25, false),
            new Operation("SortBenchmark", "s", SortBenchmark.ROWS, 1.5, true));

    private BenchmarkReport() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MILLISECONDS)
                .jvmArgsAppend("-Xmx6g", "--enable-native-access=ALL-UNNAMED");
        if (cli.getIncludes().isEmpty()) {
            options.include("io\\.junction\\.bench\\..*Benchmark");
        }
        if (!cli.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            options.warmupIterations(3).warmupTime(TimeValue.seconds(2));
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            options.measurementIterations(5).measurementTime(TimeValue.seconds(2));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Double> millis = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            millis.put(label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1), r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.printf("%-24s %12s %12s %10s %18s %10s%n", "operation", "Junction ms", "DuckDB ms", "J/DuckDB", "Junction rate", "target");
        for (Operation op : OPERATIONS) {
            Double junction = millis.get(op.benchmark() + ".junction");
            Double duck = millis.get(op.benchmark() + ".duckdb");
            if (junction == null) {
                continue;
            }
            double rate;
            if (op.targetIsSeconds()) {
                rate = junction / 1000;
            } else if (op.benchmark().equals("HashJoinBenchmark") && millis.containsKey("HashJoinBenchmark.buildOnly")) {
                // the probe rate excludes building the 1M-row table
                rate = op.units() / ((junction - millis.get("HashJoinBenchmark.buildOnly")) / 1000) / 1e6;
            } else {
                rate = op.units() / (junction / 1000) / 1e6;
            }
            System.out.printf("%-24s %12.1f %12s %10s %14.1f %-3s %s%s%n", op.benchmark(), junction,
                    duck == null ? "-" : String.format("%.1f", duck), duck == null ? "-" : String.format("%.2f", junction / duck),
                    rate, op.unit().startsWith("s") ? "s" : "M/s", op.targetIsSeconds() ? "<= " : ">= ", op.target());
        }
        if (millis.containsKey("HashJoinBenchmark.buildOnly")) {
            System.out.printf("%-24s %12.1f  (1M-row build side alone)%n", "HashJoinBenchmark.build", millis.get("HashJoinBenchmark.buildOnly"));
        }
        printMemory();
    }

    /** Peak memory each operator reserved while holding its data, against the raw size of that data. */
    private static void printMemory() {
        System.out.println();
        System.out.printf("%-24s %14s %14s %8s%n", "memory held", "data MB", "reserved MB", "ratio");
        LongTable aggregateInput = new LongTable(HashAggregateBenchmark.ROWS, new String[] {"k", "v"}, r -> r % 1_000_000, r -> r);
        // per group the operator must hold its key and its running sum: 16 bytes (the key alone is half that)
        measure("HashAggregate (1M groups)", 1_000_000L * 16, aggregateInput,
                (context) -> HashAggregateBenchmark.plan(new ReplayOperator(aggregateInput.types(), aggregateInput.batches()), context));
        LongTable build = new LongTable(HashJoinBenchmark.BUILD_ROWS, new String[] {"k", "w"}, r -> r, r -> r);
        List<Batch> oneProbe = new LongTable(1, new String[] {"k", "v"}, r -> r, r -> r).batches();
        measure("HashJoin build (1M rows)", build.bytes(), build,
                (context) -> HashJoinBenchmark.plan(new ReplayOperator(build.types(), oneProbe), new ReplayOperator(build.types(), build.batches()), context));
        LongTable sortInput = new LongTable(SortBenchmark.ROWS, new String[] {"v"}, r -> r * 0x9E3779B97F4A7C15L);
        measure("Sort (10M longs)", sortInput.bytes(), sortInput,
                (context) -> SortBenchmark.plan(new ReplayOperator(sortInput.types(), sortInput.batches()), context));
    }

    private static void measure(String name, long dataBytes, LongTable table,
                                Function<ExecutionContext, io.junction.exec.operator.Operator> plan) {
        try (ExecutionContext context = new ExecutionContext(new MemoryBudget(Long.MAX_VALUE, Long.MAX_VALUE,
                new MemoryPool(Long.MAX_VALUE / 2)), null, () -> { }, false)) {
            var operator = plan.apply(context);
            operator.next();
            long peak = context.memory().peak();
            operator.close();
            System.out.printf("%-24s %14.1f %14.1f %8.2f%n", name, dataBytes / 1e6, peak / 1e6, (double) peak / dataBytes);
        }
    }
}
