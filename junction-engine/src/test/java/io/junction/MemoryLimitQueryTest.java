package io.junction;

import io.junction.connector.TestDatabases;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.memory.MemoryPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Queries over more rows than their memory limit: with pushdown off, joins, aggregates and sorts spill
 * and still return what PostgreSQL returns; what cannot spill fails with OUT_OF_MEMORY; a cancelled
 * spilling query stops; and no spill file and no reserved memory outlive any of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryLimitQueryTest {
    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();
    private Path spillDirectory;
    private long poolBefore;

    @BeforeAll
    void load() throws Exception {
        pg.execute(
                "CREATE TABLE events (id INT PRIMARY KEY, account INT, kind TEXT, amount NUMERIC(12,2))",
                "INSERT INTO events SELECT g, CASE WHEN g % 23 = 0 THEN NULL ELSE g % 1600 END, 'kind ' || (g % 37), (g % 1000) * 1.25 - 300"
                        + " FROM generate_series(1, 12000) g",
                "CREATE TABLE accounts (id INT PRIMARY KEY, owner TEXT, region TEXT)",
                "INSERT INTO accounts SELECT g, 'owner ' || g || repeat('x', g % 20), CASE WHEN g % 7 = 0 THEN NULL ELSE 'r' || (g % 9) END"
                        + " FROM generate_series(0, 1999) g",
                "ANALYZE");
        spillDirectory = Files.createTempDirectory("junction-memory-test");
        poolBefore = MemoryPool.shared().reserved();
    }

    @AfterEach
    void nothingLeft() throws Exception {
        try (Stream<Path> files = Files.walk(spillDirectory)) {
            assertThat(files.filter(p -> !p.equals(spillDirectory)).toList()).as("spill files left behind").isEmpty();
        }
        assertThat(MemoryPool.shared().reserved()).as("memory still reserved").isEqualTo(poolBefore);
    }

    @AfterAll
    void removeDirectory() throws Exception {
        Files.deleteIfExists(spillDirectory);
    }

    private Junction open(long spillAt, long failAt) {
        return Junction.builder().source(pg.config("pg"))
                .settings(EngineSettings.defaults().withPushdown(false).withMemoryLimits(spillAt, failAt).withSpillDirectory(spillDirectory))
                .build();
    }

    private String sql(String query) {
        return query.replace("{s}", "pg." + pg.schema());
    }

    private List<List<Object>> reference(String query) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query.replace("{s}", pg.schema()))) {
            return ResultNormalizer.normalize(ResultNormalizer.read(rs));
        }
    }

    @Test
    void joinsAggregatesAndSortsOverTheLimitSpillAndMatchPostgres() throws Exception {
        List<String> queries = List.of(
                "SELECT e.id, a.owner, e.amount FROM {s}.events e JOIN {s}.accounts a ON e.account = a.id WHERE e.id % 3 = 0",
                "SELECT a.id, e.id FROM {s}.accounts a FULL JOIN {s}.events e ON e.account = a.id AND e.amount > 0",
                "SELECT e.account, e.kind, COUNT(*), SUM(e.amount), MIN(e.kind), COUNT(DISTINCT e.amount) FROM {s}.events e GROUP BY e.account, e.kind",
                "SELECT DISTINCT e.kind, e.account FROM {s}.events e",
                "SELECT e.id, e.amount, e.kind FROM {s}.events e ORDER BY e.amount DESC, e.kind, e.id");
        // spill at 128 KB, fail at 64 MB: every query above holds a few MB
        try (Junction junction = open(128 << 10, 64 << 20)) {
            for (String query : queries) {
                List<List<Object>> actual;
                try (QueryResult r = junction.query(sql(query))) {
                    actual = ResultNormalizer.normalize(r.toList());
                }
                List<List<Object>> expected = reference(query);
                if (query.contains("ORDER BY")) {
                    assertThat(actual).as(query).containsExactlyElementsOf(expected);
                } else {
                    assertThat(ResultNormalizer.sorted(actual)).as(query).containsExactlyElementsOf(ResultNormalizer.sorted(expected));
                }
                assertThat(expected).isNotEmpty();
            }
        }
    }

    @Test
    void spillFilesExistWhileASpilledSortRunsAndGoWhenItIsCancelled() throws Exception {
        try (Junction junction = open(64 << 10, 64 << 20)) {
            QueryResult result = junction.query(sql("SELECT e.kind, e.id FROM {s}.events e ORDER BY e.kind, e.id"));
            assertThat(result.nextBatch()).isNotNull();
            try (Stream<Path> files = Files.walk(spillDirectory)) {
                assertThat(files.filter(Files::isRegularFile).count()).as("sorted runs on disk").isPositive();
            }
            Thread canceller = new Thread(result::cancel);
            canceller.start();
            canceller.join();
            assertThatThrownBy(() -> {
                while (result.nextBatch() != null) {
                    // drain until the cancellation is seen
                }
            }).isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELED));
            result.close();
        }
    }

    @Test
    void whatCannotSpillFailsAtTheHardLimitWithAClearError() throws SQLException {
        try (Junction junction = open(64 << 10, 160 << 10)) {
            // a non-equi join materializes its right side (over 200 KB whichever side it is), which has no disk path
            String query = sql("SELECT COUNT(*) FROM {s}.accounts a JOIN {s}.events e ON e.amount > a.id + 600 AND e.kind <> a.owner");
            assertThatThrownBy(() -> {
                try (QueryResult r = junction.query(query)) {
                    r.toList();
                }
            }).isInstanceOfSatisfying(JunctionException.class, e -> {
                assertThat(e.sqlState()).isEqualTo("53200");
                assertThat(e.getMessage()).isEqualTo("query needs more than 160 KB in NestedLoopJoin build side; "
                        + "raise the memory limit (EngineSettings.hardMemoryLimitBytes) or add filters");
            });
            // the same join on keys spills instead and succeeds under the same hard limit
            String keyed = "SELECT COUNT(*), MAX(e.kind || a.owner) FROM {s}.accounts a JOIN {s}.events e ON e.account = a.id";
            try (QueryResult r = junction.query(sql(keyed))) {
                assertThat(ResultNormalizer.normalize(r.toList())).isEqualTo(reference(keyed));
            }
        }
    }
}
