package io.junction;

import io.junction.connector.Connector;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sources added, replaced and removed while the engine runs, and names given to a source by alias. */
class SourceChangesTest {
    @TempDir
    Path dir;
    private Junction junction;

    @BeforeEach
    void setUp() throws Exception {
        createDatabase("a.db", "CREATE TABLE t (x INTEGER)", "INSERT INTO t VALUES (1), (2), (3)");
        createDatabase("b.db", "CREATE TABLE t (x INTEGER)", "INSERT INTO t VALUES (10), (20)");
        junction = Junction.builder().build();
    }

    @AfterEach
    void tearDown() {
        junction.close();
    }

    private void createDatabase(String file, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(file)); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private SourceConfig sqlite(String name, String file) {
        return SourceConfig.ofPath(name, SourceType.SQLITE, dir.resolve(file).toString());
    }

    private List<List<Object>> rows(String sql) {
        try (QueryResult r = junction.query(sql)) {
            return r.toList();
        }
    }

    @Test
    void addedSourceIsQueryableByNameAndAlias() {
        junction.addSource(sqlite("a", "a.db"), List.of("6f1c2a9e-0000-4000-8000-000000000001"));

        assertThat(rows("SELECT SUM(x) FROM a.t")).containsExactly(List.of(new java.math.BigDecimal(6)));
        assertThat(rows("SELECT COUNT(*) FROM \"6f1c2a9e-0000-4000-8000-000000000001\".t")).containsExactly(List.of(3L));
        assertThat(junction.describe("6f1c2a9e-0000-4000-8000-000000000001.t").name()).isEqualTo("t");
        assertThat(junction.sources()).extracting(Connector::name).containsExactly("a");
    }

    @Test
    void queryResultNamesTheSourcesItReads() {
        junction.addSource(sqlite("a", "a.db"), List.of("alias_a"));
        junction.addSource(sqlite("b", "b.db"));

        try (QueryResult r = junction.query("SELECT x FROM alias_a.t UNION ALL SELECT x FROM b.t")) {
            assertThat(r.sources()).containsExactlyInAnyOrder("a", "b");
        }
        try (QueryResult r = junction.query("SELECT 1")) {
            assertThat(r.sources()).isEmpty();
        }
    }

    @Test
    void planListsTheStatementsSentToEachSource() {
        junction.addSource(sqlite("a", "a.db"));
        junction.addSource(sqlite("b", "b.db"));

        QueryPlan plan = junction.plan("SELECT x FROM a.t WHERE x > 1 UNION ALL SELECT x FROM b.t");

        assertThat(plan.statements()).extracting(PlannedStatement::source).containsExactlyInAnyOrder("a", "b");
        assertThat(plan.text()).contains("SourceScan[a (sqlite)]", "SourceScan[b (sqlite)]");
        assertThat(plan.statements()).filteredOn(s -> s.source().equals("a")).singleElement()
                .satisfies(s -> assertThat(s.statement()).contains("WHERE").contains("1"));
    }

    @Test
    void namesAndAliasesMustBeUnique() {
        junction.addSource(sqlite("a", "a.db"), List.of("first"));

        assertThatThrownBy(() -> junction.addSource(sqlite("A", "b.db")))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR));
        assertThatThrownBy(() -> junction.addSource(sqlite("b", "b.db"), List.of("FIRST")))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR));
        assertThatThrownBy(() -> junction.addSource(sqlite("first", "b.db")))
                .isInstanceOf(JunctionException.class);
        assertThat(junction.sources()).hasSize(1);
    }

    @Test
    void replacedSourceKeepsItsAliasAndMayBeRenamed() {
        junction.addSource(sqlite("a", "a.db"), List.of("stable_id"));

        junction.replaceSource("a", sqlite("renamed", "b.db"));

        assertThat(rows("SELECT SUM(x) FROM renamed.t")).containsExactly(List.of(new java.math.BigDecimal(30)));
        assertThat(rows("SELECT SUM(x) FROM stable_id.t")).containsExactly(List.of(new java.math.BigDecimal(30)));
        assertThatThrownBy(() -> rows("SELECT * FROM a.t")).isInstanceOf(JunctionException.class);
        assertThat(junction.sources()).extracting(Connector::name).containsExactly("renamed");
    }

    @Test
    void removedSourceCannotBeNamedAnyMore() {
        junction.addSource(sqlite("a", "a.db"), List.of("alias_a"));

        junction.removeSource("alias_a");

        assertThat(junction.sources()).isEmpty();
        assertThatThrownBy(() -> rows("SELECT * FROM a.t")).isInstanceOf(JunctionException.class);
        assertThatThrownBy(() -> junction.removeSource("a"))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNDEFINED_SOURCE));
        // the name is free again
        junction.addSource(sqlite("a", "b.db"));
        assertThat(rows("SELECT SUM(x) FROM a.t")).containsExactly(List.of(new java.math.BigDecimal(30)));
    }

    @Test
    void runningQueryKeepsItsConnectorUntilItsResultIsClosed() {
        junction.addSource(sqlite("a", "a.db"));
        Connector connector = junction.sources().get(0);

        QueryResult running = junction.query("SELECT x FROM a.t ORDER BY x");
        junction.removeSource("a");

        assertThat(connector.schemaNames()).isNotEmpty(); // still open for the running query
        assertThat(running.toList()).containsExactly(List.of(1L), List.of(2L), List.of(3L));
        running.close();
        assertThatThrownBy(connector::schemaNames).isInstanceOf(JunctionException.class).hasMessageContaining("closed");
    }

    @Test
    void unusedConnectorIsClosedOnRemoval() {
        junction.addSource(sqlite("a", "a.db"));
        Connector connector = junction.sources().get(0);
        assertThat(rows("SELECT COUNT(*) FROM a.t")).containsExactly(List.of(3L));

        junction.removeSource("a");

        assertThatThrownBy(connector::schemaNames).isInstanceOf(JunctionException.class).hasMessageContaining("closed");
    }

    @Test
    void concurrentQueriesAndCatalogChanges() throws Exception {
        junction.addSource(sqlite("a", "a.db"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<Object>>>> queries = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                queries.add(pool.submit(() -> rows("SELECT SUM(x) FROM a.t")));
                String name = "extra" + i;
                junction.addSource(sqlite(name, "b.db"));
                junction.removeSource(name);
            }
            for (Future<List<List<Object>>> q : queries) {
                assertThat(q.get()).containsExactly(List.of(new java.math.BigDecimal(6)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(junction.sources()).extracting(Connector::name).containsExactly("a");
    }
}
