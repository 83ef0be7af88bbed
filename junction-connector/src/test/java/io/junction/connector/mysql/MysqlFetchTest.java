package io.junction.connector.mysql;

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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MariaDB results stream instead of being buffered by the driver, and key-range split scans return the same rows. */
class MysqlFetchTest {
    @RegisterExtension
    static final TestDatabases DB = TestDatabases.mariadb();
    private static final int ROWS = 250_000;

    private static Connector connector;
    private static TableMetadata table;

    @BeforeAll
    static void load() {
        DB.execute("CREATE TABLE facts (id bigint PRIMARY KEY, grp integer NOT NULL, label varchar(20), a int, b int, c int, d int, e int)",
                // Keys with gaps and a negative start, so ranges are not simply row numbers.
                "INSERT INTO facts SELECT CAST(seq AS SIGNED) * 3 - 1000, seq % 97, IF(seq % 11 = 0, NULL, CONCAT('row ', seq)), seq, seq, seq, "
                        + "seq, seq FROM seq_1_to_" + ROWS,
                "ANALYZE TABLE facts");
        connector = Connectors.create(DB.config("maria", Map.of("pool_size", 4)));
        table = connector.table(DB.schema(), "facts").orElseThrow();
    }

    @AfterAll
    static void close() {
        connector.close();
    }

    @Test
    void fiveMillionRowsStreamWithoutTheDriverBufferingThem() {
        // The server sleeps 3 s before the last row: a driver that buffers the whole result shows nothing until then.
        long start = System.nanoTime();
        long rows = 0;
        long heapGrowth = 0;
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long baseline = runtime.totalMemory() - runtime.freeMemory();
        try (BatchStream stream = connector.execute(new SourceQuery.Sql(
                "SELECT seq FROM seq_1_to_5000000 WHERE seq < 5000000 OR SLEEP(3) = 0", List.of(JunctionType.BIGINT)))) {
            Batch first = stream.next();
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to the first batch").isLessThan(1500);
            rows += first.rowCount();
            for (Batch b = stream.next(); b != null; b = stream.next()) {
                rows += b.rowCount();
                if (rows == 2_500_000 - 2_500_000 % 2048) {
                    System.gc();
                    heapGrowth = runtime.totalMemory() - runtime.freeMemory() - baseline;
                }
            }
        }
        assertThat(rows).isEqualTo(5_000_000);
        // 2.5 M buffered rows would hold well over 100 MB; streaming holds one fetch (10 000 rows) at a time.
        assertThat(heapGrowth).as("heap growth half-way, bytes").isLessThan(48L << 20);
    }

    private static SourceQuery.Scan scanAll() {
        return new SourceQuery.Scan(table, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, List.of(JunctionType.BIGINT, JunctionType.INTEGER,
                JunctionType.VARCHAR, JunctionType.INTEGER, JunctionType.INTEGER, JunctionType.INTEGER, JunctionType.INTEGER, JunctionType.INTEGER));
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(row -> (Long) row.getFirst()));
        return copy;
    }

    @Test
    void keyRangePartsReturnExactlyTheRowsOfOneStatement() {
        SourceQuery.ParallelScan split = connector.splitScan(scanAll(), null, 4).orElseThrow();
        assertThat(split.parts()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(split.consistent()).isFalse();
        assertThat(split.parts().getFirst()).contains("`id` < ");
        List<List<Object>> single = ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT id, grp, label, a, b, c, d, e FROM facts",
                scanAll().outputTypes())));
        assertThat(sorted(ResultRows.readAll(connector.execute(split)))).hasSize(ROWS).isEqualTo(sorted(single));

        SourceQuery.ParallelScan filtered = connector.splitScan(scanAll(), "`grp` = 5", 4).orElseThrow();
        List<List<Object>> expected = ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT id, grp, label, a, b, c, d, e FROM facts WHERE grp = 5",
                scanAll().outputTypes())));
        assertThat(sorted(ResultRows.readAll(connector.execute(filtered)))).isEqualTo(sorted(expected)).hasSizeGreaterThan(2000);
    }

    @Test
    void tablesWithoutAnIntegerKeyAndNarrowScansAreNotSplit() {
        assertThat(connector.splitScan(new SourceQuery.Scan(table, new int[] {0}, List.of(JunctionType.BIGINT)), null, 4)).isEmpty();
        DB.execute("CREATE TABLE keyless (v integer)");
        TableMetadata keyless = connector.table(DB.schema(), "keyless").orElseThrow();
        assertThat(connector.splitScan(new SourceQuery.Scan(keyless, new int[] {0}, List.of(JunctionType.INTEGER)), null, 4)).isEmpty();
    }

    @Test
    void aFailingPartFailsTheStreamAndClosingStopsEveryPart() throws Exception {
        SourceQuery.ParallelScan failing = connector.splitScan(scanAll(), "`id` < 700000 OR (SELECT 1 FROM DUAL UNION SELECT `id`) = 1", 4)
                .orElseThrow();
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(failing)))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CARDINALITY_VIOLATION));

        SourceQuery.ParallelScan slow = connector.splitScan(scanAll(), "SLEEP(IF(`id` % 100000 = 2, 30, 0)) = 0", 4).orElseThrow();
        BatchStream stream = connector.execute(slow);
        assertThat(stream.next()).isNotNull();
        long start = System.nanoTime();
        stream.close();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
        // KILL QUERY returns before the killed statement has left the process list
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (runningStatements() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(runningStatements()).isZero();
        assertThat(ResultRows.readAll(connector.execute(connector.splitScan(scanAll(), null, 4).orElseThrow()))).hasSize(ROWS);
    }

    @Test
    void closingStreamsEarlyDiscardsTheirConnectionsQuietlyAndThePoolGoesOn() {
        // slf4j-simple writes to whatever System.err is at the time of the call.
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            // More early closes than the pool has connections: each aborted one must be replaced, not handed out again.
            for (int i = 0; i < 10; i++) {
                BatchStream stream = connector.execute(new SourceQuery.Sql("SELECT id, label FROM facts",
                        List.of(JunctionType.BIGINT, JunctionType.VARCHAR)));
                assertThat(stream.next()).isNotNull();
                stream.close();
                assertThat(ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT count(*) FROM facts",
                        List.of(JunctionType.BIGINT))))).containsExactly(List.of((long) ROWS));
            }
        } finally {
            System.setErr(original);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("marked as broken").doesNotContain("Exception");
    }

    /** Statements on this test's tables that the server is still running. */
    private static int runningStatements() throws Exception {
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.PROCESSLIST WHERE DB = '" + DB.schema()
                     + "' AND COMMAND = 'Query' AND ID <> CONNECTION_ID()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
