package io.junction.connector.postgres;

import io.junction.connector.Connector;
import io.junction.connector.Connectors;
import io.junction.connector.ResultRows;
import io.junction.connector.SourceQuery;
import io.junction.connector.TableMetadata;
import io.junction.connector.TestDatabases;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ctid-range split scans: same rows as one statement, one snapshot across parts, clean stops. */
class PostgresSplitScanTest {
    @RegisterExtension
    static final TestDatabases PG = TestDatabases.postgres();
    private static final int ROWS = 200_000;

    private static Connector connector;
    private static TableMetadata table;

    @BeforeAll
    static void load() {
        PG.execute("CREATE TABLE facts (id integer PRIMARY KEY, grp integer NOT NULL, amount numeric(12,2), label text)",
                "INSERT INTO facts SELECT g, g % 97, (g * 1.25)::numeric(12,2), CASE WHEN g % 11 = 0 THEN NULL ELSE 'row ' || g END "
                        + "FROM generate_series(1, " + ROWS + ") g",
                "CREATE TABLE tiny (id integer)", "INSERT INTO tiny VALUES (1), (2)",
                "VACUUM ANALYZE facts");
        connector = Connectors.create(PG.config("pg", Map.of("pool_size", 4)));
        table = connector.table(PG.schema(), "facts").orElseThrow();
    }

    @AfterAll
    static void close() {
        connector.close();
    }

    private static SourceQuery.Scan scanAll() {
        return new SourceQuery.Scan(table, new int[] {0, 1, 2, 3},
                List.of(JunctionType.INTEGER, JunctionType.INTEGER, JunctionType.decimal(12, 2), JunctionType.VARCHAR));
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(row -> (Integer) row.getFirst()));
        return copy;
    }

    @Test
    void partsTogetherReturnExactlyTheRowsOfOneStatementAndUseTidRangeScans() throws Exception {
        SourceQuery.ParallelScan split = connector.splitScan(scanAll(), null, 4).orElseThrow();
        assertThat(split.parts()).hasSize(4);
        assertThat(split.consistent()).isTrue();
        assertThat(split.parts().getFirst()).endsWith("WHERE ctid < '(" + pagesOf("facts") / 4 + ",0)'::tid");
        try (Connection c = PG.connect(); Statement s = c.createStatement(); ResultSet plan = s.executeQuery("EXPLAIN " + split.parts().get(1))) {
            plan.next();
            assertThat(plan.getString(1)).startsWith("Tid Range Scan on facts");
        }
        List<List<Object>> single = ResultRows.readAll(connector.execute(new SourceQuery.Sql(
                "SELECT id, grp, amount, label FROM facts", scanAll().outputTypes())));
        List<List<Object>> parallel = ResultRows.readAll(connector.execute(split));
        assertThat(parallel).hasSize(ROWS);
        assertThat(sorted(parallel)).isEqualTo(sorted(single));
    }

    @Test
    void aFilterIsAppliedInEveryPart() {
        SourceQuery.ParallelScan split = connector.splitScan(scanAll(), "\"grp\" = 5 AND \"label\" IS NOT NULL", 3).orElseThrow();
        List<List<Object>> parallel = ResultRows.readAll(connector.execute(split));
        List<List<Object>> single = ResultRows.readAll(connector.execute(new SourceQuery.Sql(
                "SELECT id, grp, amount, label FROM facts WHERE grp = 5 AND label IS NOT NULL", scanAll().outputTypes())));
        assertThat(sorted(parallel)).isEqualTo(sorted(single)).hasSizeGreaterThan(1000);
    }

    @Test
    void smallTablesViewsAndSinglePartsAreNotSplit() {
        TableMetadata tiny = connector.table(PG.schema(), "tiny").orElseThrow();
        assertThat(connector.splitScan(new SourceQuery.Scan(tiny, new int[] {0}, List.of(JunctionType.INTEGER)), null, 4)).isEmpty();
        assertThat(connector.splitScan(scanAll(), null, 1)).isEmpty();
    }

    @Test
    void allPartsReadOneSnapshotWhileAnotherConnectionChangesTheTable() throws Exception {
        // Two connections for eight parts: most parts start only after the changes below are committed.
        try (Connector two = Connectors.create(PG.config("pg2", Map.of("pool_size", 2)))) {
            long sumBefore = sumOfIds();
            SourceQuery.ParallelScan split = two.splitScan(scanAll(), null, 8).orElseThrow();
            assertThat(split.parts()).hasSize(8);
            BatchStream stream = two.execute(split);
            List<Integer> ids = new ArrayList<>();
            Batch first = stream.next();
            collect(first, ids);
            try (Connection c = PG.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM facts WHERE id % 2 = 0");
                s.executeUpdate("UPDATE facts SET id = id + 1000000 WHERE id % 3 = 0");
                s.executeUpdate("INSERT INTO facts SELECT g, 1, 1, 'new' FROM generate_series(2000001, 2050000) g");
            }
            for (Batch b = stream.next(); b != null; b = stream.next()) {
                collect(b, ids);
            }
            stream.close();
            assertThat(ids).hasSize(ROWS);
            assertThat(ids.stream().mapToLong(Integer::longValue).sum()).isEqualTo(sumBefore);
            assertThat(ids.stream().distinct().count()).isEqualTo(ROWS);
        } finally {
            PG.execute("DELETE FROM facts", "INSERT INTO facts SELECT g, g % 97, (g * 1.25)::numeric(12,2), "
                    + "CASE WHEN g % 11 = 0 THEN NULL ELSE 'row ' || g END FROM generate_series(1, " + ROWS + ") g", "VACUUM facts");
        }
    }

    @Test
    void aFailingPartFailsTheStreamAndEveryConnectionComesBack() throws Exception {
        SourceQuery.ParallelScan split = connector.splitScan(scanAll(), "1 / (\"id\" - 150000) > -2", 4).orElseThrow();
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(split)))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIVISION_BY_ZERO))
                .hasMessageContaining("division by zero").hasMessageContaining("ctid");
        PostgresBinaryCopyTest.waitUntil(() -> PostgresBinaryCopyTest.runningCopies(PG) == 0);
        assertThat(ResultRows.readAll(connector.execute(connector.splitScan(scanAll(), null, 4).orElseThrow()))).hasSize(ROWS);
    }

    @Test
    void closingEarlyOrFromAnotherThreadStopsEveryPart() throws Exception {
        SourceQuery.ParallelScan split = connector.splitScan(scanAll(), "pg_catalog.pg_sleep(CASE WHEN \"id\" % 50000 = 7 THEN 30 ELSE 0 END) IS NOT NULL", 4)
                .orElseThrow();
        BatchStream stream = connector.execute(split);
        assertThat(stream.next()).isNotNull();
        // Row 7 is on the first page, so the first part sleeps at once; where the other sleeping rows fall depends on
        // where the pages split, and whether a part reaches its row while nobody reads depends on how much the socket
        // buffers take. So: one part asleep, and another still running on the server (asleep, or blocked writing).
        PostgresBinaryCopyTest.waitUntil(() -> PostgresBinaryCopyTest.runningCopies(PG, "PgSleep") >= 1
                && PostgresBinaryCopyTest.runningCopies(PG) >= 2);
        Thread closer = Thread.ofVirtual().start(stream::close);
        long start = System.nanoTime();
        closer.join(5000);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
        assertThat(PostgresBinaryCopyTest.runningCopies(PG)).isZero();
        assertThatThrownBy(stream::next).isInstanceOfSatisfying(JunctionException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELED));
        // All four connections are back and healthy: a full split scan needs them again.
        assertThat(ResultRows.readAll(connector.execute(connector.splitScan(scanAll(), null, 4).orElseThrow()))).hasSize(ROWS);
        try (Connection c = PG.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'junction' AND state LIKE 'idle in%' AND strpos(query, '"
                     + PG.schema() + "') > 0")) {
            rs.next();
            assertThat(rs.getInt(1)).as("connections left inside a transaction").isZero();
        }
    }

    @Test
    void aScanStillRunsWhenThePoolHasNoFreeConnection() {
        try (Connector two = Connectors.create(PG.config("pg2", Map.of("pool_size", 2)))) {
            BatchStream holder = two.execute(new SourceQuery.Sql("SELECT g FROM generate_series(1, 1000000) g", List.of(JunctionType.INTEGER)));
            holder.next();
            BatchStream other = two.execute(new SourceQuery.Sql("SELECT g FROM generate_series(1, 1000000) g", List.of(JunctionType.INTEGER)));
            other.close();
            assertThat(ResultRows.readAll(two.execute(two.splitScan(scanAll(), null, 4).orElseThrow()))).hasSize(ROWS);
            holder.close();
        }
    }

    private static void collect(Batch batch, List<Integer> ids) {
        for (int r = 0; r < batch.rowCount(); r++) {
            ids.add((Integer) batch.column(0).getObject(r));
        }
    }

    private static long sumOfIds() throws Exception {
        try (Connection c = PG.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sum(id) FROM facts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long pagesOf(String name) throws Exception {
        try (Connection c = PG.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_relation_size('" + name + "') / 8192")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
