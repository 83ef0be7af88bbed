package io.junction;

import io.junction.connector.Connector;
import io.junction.connector.Connectors;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceDialect;
import io.junction.connector.SourceQuery;
import io.junction.connector.SourceType;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.vector.BatchStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainAnalyzeAndFallbackTest {
    @TempDir
    Path dir;

    /** A real SQLite source that refuses every statement with a GROUP BY, as an older or stricter source would. */
    private record RefusingGroupBy(Connector delegate) implements Connector {
        public String name() {
            return delegate.name();
        }

        public SourceType type() {
            return delegate.type();
        }

        public String defaultSchema() {
            return delegate.defaultSchema();
        }

        public List<String> schemaNames() {
            return delegate.schemaNames();
        }

        public List<TableInfo> tables(String schema) {
            return delegate.tables(schema);
        }

        public Optional<TableMetadata> table(String schema, String table) {
            return delegate.table(schema, table);
        }

        public Optional<SourceDialect> dialect() {
            return delegate.dialect();
        }

        public BatchStream execute(SourceQuery query) {
            if (query instanceof SourceQuery.Sql sql && sql.sql().contains("GROUP BY")) {
                throw new JunctionException(ErrorCode.SOURCE_QUERY_FAILED, "source 'lite' (sqlite) failed to run a query: no GROUP BY here");
            }
            return delegate.execute(query);
        }

        public void checkReachable() {
            delegate.checkReachable();
        }

        public void close() {
            delegate.close();
        }
    }

    private Path database() throws Exception {
        Path file = dir.resolve("f.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, city TEXT)");
            s.execute("INSERT INTO visits VALUES (1, 'Oslo'), (2, 'Rome'), (3, 'Oslo'), (4, NULL)");
        }
        return file;
    }

    @Test
    void rejectedStatementFallsBackToALessPushedPlan() throws Exception {
        Connector sqlite = Connectors.create(SourceConfig.ofPath("lite", SourceType.SQLITE, database().toString()));
        try (Junction j = Junction.builder().connector(new RefusingGroupBy(sqlite)).build()) {
            String sql = "SELECT city, COUNT(*) AS n FROM lite.visits GROUP BY city ORDER BY n DESC, city";
            assertThat(j.explain(sql)).contains("GROUP BY");
            try (QueryResult r = j.query(sql)) {
                assertThat(r.toList()).containsExactly(List.of("Oslo", 2L), List.of("Rome", 1L), java.util.Arrays.asList(null, 1L));
            }
            String analyzed = j.explainAnalyze(sql);
            assertThat(analyzed).contains("Event: fell back to a less-pushed plan", "HashAggregate", "actual rows=3", "Result: 3 rows");
        }
    }

    @Test
    void explainAnalyzeShowsEstimatesActualsAndSourceStatements() throws Exception {
        try (Junction j = Junction.builder().source(SourceConfig.ofPath("lite", SourceType.SQLITE, database().toString()))
                .settings(EngineSettings.defaults().withPushdown(false)).build()) {
            String analyzed = j.explainAnalyze("SELECT city, COUNT(*) FROM lite.visits WHERE id > 1 GROUP BY city");
            assertThat(analyzed).contains("HashAggregate", "Filter", "est. rows=", "actual rows=4", "Source statements:",
                    "lite (sqlite): 4 rows", "Result: 3 rows");
            assertThat(analyzed).containsPattern("Planning: \\d+ ms");
            try (QueryResult r = j.query("EXPLAIN ANALYZE SELECT COUNT(*) FROM lite.visits")) {
                assertThat(r.toList()).extracting(row -> row.get(0).toString()).anyMatch(l -> l.startsWith("Result: 1 rows"));
            }
        }
    }
}
