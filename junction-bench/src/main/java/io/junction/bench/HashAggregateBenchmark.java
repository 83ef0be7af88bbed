package io.junction.bench;

import io.junction.exec.operator.AggregateCall;
import io.junction.exec.operator.AggregateFunction;
import io.junction.exec.operator.HashAggregateOperator;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;

/** {@code SELECT k, SUM(v) FROM t GROUP BY k} over 8M rows with 100 distinct integer keys. */
@State(Scope.Benchmark)
public class HashAggregateBenchmark {
    static final int ROWS = 8_000_000;

    private List<Batch> batches;
    private List<JunctionType> types;
    private DuckDb duck;

    @Setup(Level.Trial)
    public void load() throws Exception {
        LongTable table = new LongTable(ROWS, new String[] {"k", "v"}, r -> (r * 31L) % 100, r -> r % 1000);
        batches = table.batches();
        types = table.types();
        duck = new DuckDb();
        table.loadInto(duck.connection(), "t");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        duck.close();
    }

    static HashAggregateOperator plan(ReplayOperator input, io.junction.exec.ExecutionContext context) {
        return new HashAggregateOperator(input, new int[] {0},
                List.of(new AggregateCall(AggregateFunction.SUM, 1, false, JunctionType.decimal(38, 0))), context);
    }

    @Benchmark
    public long junction() {
        return Checksums.sum(plan(new ReplayOperator(types, batches), io.junction.exec.ExecutionContext.standalone()), 0);
    }

    @Benchmark
    public long duckdb() throws Exception {
        return duck.checksum("SELECT k, SUM(v) FROM t GROUP BY k");
    }
}
