package io.junction.bench;

import io.junction.exec.ExecutionContext;
import io.junction.exec.operator.HashJoinOperator;
import io.junction.exec.operator.JoinType;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;

/**
 * {@code SELECT ... FROM probe p JOIN build b ON p.k = b.k}: a 1M-row build side with unique keys and a
 * 4M-row probe side of which half the rows match. Build time is included; {@link #buildOnly} measures it
 * alone so the probe rate can be derived.
 */
@State(Scope.Benchmark)
public class HashJoinBenchmark {
    static final int BUILD_ROWS = 1_000_000;
    static final int PROBE_ROWS = 4_000_000;

    private List<Batch> build;
    private List<Batch> probe;
    private List<Batch> emptyProbe;
    private List<JunctionType> types;
    private DuckDb duck;

    @Setup(Level.Trial)
    public void load() throws Exception {
        LongTable buildTable = new LongTable(BUILD_ROWS, new String[] {"k", "w"}, r -> (r * 2_654_435_761L) % BUILD_ROWS, r -> r);
        LongTable probeTable = new LongTable(PROBE_ROWS, new String[] {"k", "v"}, r -> (r * 40_503L) % (2L * BUILD_ROWS), r -> r % 100);
        build = buildTable.batches();
        probe = probeTable.batches();
        emptyProbe = List.of();
        types = buildTable.types();
        duck = new DuckDb();
        buildTable.loadInto(duck.connection(), "build");
        probeTable.loadInto(duck.connection(), "probe");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        duck.close();
    }

    static HashJoinOperator plan(ReplayOperator probe, ReplayOperator build, ExecutionContext context) {
        return new HashJoinOperator(probe, build, new int[] {0}, new int[] {0}, JoinType.INNER, null, context);
    }

    @Benchmark
    public long junction() {
        return Checksums.sum(plan(new ReplayOperator(types, probe), new ReplayOperator(types, build), ExecutionContext.standalone()), 3);
    }

    @Benchmark
    public long buildOnly() {
        // an INNER join with an empty probe side still builds its table first
        return Checksums.sum(plan(new ReplayOperator(types, emptyProbe), new ReplayOperator(types, build), ExecutionContext.standalone()), 3);
    }

    @Benchmark
    public long duckdb() throws Exception {
        return duck.checksum("SELECT SUM(b.w) FROM probe p JOIN build b ON p.k = b.k");
    }
}
