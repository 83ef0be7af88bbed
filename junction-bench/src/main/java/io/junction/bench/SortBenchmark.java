package io.junction.bench;

import io.junction.exec.ExecutionContext;
import io.junction.exec.operator.SortKey;
import io.junction.exec.operator.SortOperator;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.SplittableRandom;

/** {@code ORDER BY v} of 10M random longs; DuckDB sorts into a temporary table so no rows cross JDBC. */
@State(Scope.Benchmark)
public class SortBenchmark {
    static final int ROWS = 10_000_000;

    private List<Batch> batches;
    private List<JunctionType> types;
    private DuckDb duck;

    @Setup(Level.Trial)
    public void load() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        long[] values = random.longs(ROWS).toArray();
        LongTable table = new LongTable(ROWS, new String[] {"v"}, r -> values[(int) r]);
        batches = table.batches();
        types = table.types();
        duck = new DuckDb();
        table.loadInto(duck.connection(), "t");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        duck.close();
    }

    static SortOperator plan(ReplayOperator input, ExecutionContext context) {
        return new SortOperator(input, List.of(new SortKey(0, true, false)), context);
    }

    @Benchmark
    public long junction() {
        return Checksums.sum(plan(new ReplayOperator(types, batches), ExecutionContext.standalone()), 0);
    }

    @Benchmark
    public long duckdb() throws Exception {
        duck.execute("CREATE OR REPLACE TEMP TABLE sorted AS SELECT v FROM t ORDER BY v");
        return 0;
    }
}
