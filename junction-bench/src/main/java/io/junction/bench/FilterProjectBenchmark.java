package io.junction.bench;

import io.junction.exec.expr.Expression;
import io.junction.exec.expr.ScalarFunction;
import io.junction.exec.operator.FilterOperator;
import io.junction.exec.operator.Operator;
import io.junction.exec.operator.ProjectOperator;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;

import static io.junction.exec.expr.Expressions.call;
import static io.junction.exec.expr.Expressions.column;
import static io.junction.exec.expr.Expressions.literal;

/** {@code SELECT a + b FROM t WHERE a > 500} over 8M rows (half pass); DuckDB sums the projection. */
@State(Scope.Benchmark)
public class FilterProjectBenchmark {
    static final int ROWS = 8_000_000;

    private List<Batch> batches;
    private List<JunctionType> types;
    private DuckDb duck;

    @Setup(Level.Trial)
    public void load() throws Exception {
        LongTable table = new LongTable(ROWS, new String[] {"a", "b"}, r -> (r * 7919L) % 1000, r -> r);
        batches = table.batches();
        types = table.types();
        duck = new DuckDb();
        table.loadInto(duck.connection(), "t");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        duck.close();
    }

    @Benchmark
    public long junction() {
        JunctionType bigint = JunctionType.BIGINT;
        Expression predicate = call(ScalarFunction.GREATER_THAN, JunctionType.BOOLEAN, List.of(column(0, bigint), literal(500L, bigint)));
        Expression sum = call(ScalarFunction.PLUS, bigint, List.of(column(0, bigint), column(1, bigint)));
        Operator plan = new ProjectOperator(new FilterOperator(new ReplayOperator(types, batches), predicate), List.of(sum));
        return Checksums.sum(plan, 0);
    }

    @Benchmark
    public long duckdb() throws Exception {
        return duck.checksum("SELECT SUM(a + b) FROM t WHERE a > 500");
    }
}
