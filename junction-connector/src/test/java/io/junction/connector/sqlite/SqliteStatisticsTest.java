package io.junction.connector.sqlite;

import io.junction.connector.Connector;
import io.junction.connector.Connectors;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.connector.TableStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteStatisticsTest {
    @TempDir
    Path dir;

    private Path database(String... statements) throws Exception {
        Path file = dir.resolve("stats.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE facts (id INTEGER PRIMARY KEY, grp INTEGER, note TEXT)");
            s.execute("CREATE INDEX by_grp ON facts (grp)");
            s.execute("""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
                    INSERT INTO facts SELECT i, i % 6, 'x' || i FROM n""");
            for (String statement : statements) {
                s.execute(statement);
            }
        }
        return file;
    }

    @Test
    void readsRowsAndLeadingIndexColumnDistinctCountsFromSqliteStat1() throws Exception {
        Path file = database("ANALYZE");
        try (Connector connector = Connectors.create(SourceConfig.ofPath("lite", SourceType.SQLITE, file.toString()))) {
            TableStatistics stats = connector.statistics("main", "facts").orElseThrow();
            assertThat(stats.rowCount()).hasValue(600);
            assertThat(stats.column("grp").orElseThrow().distinctCount()).hasValue(6);
            assertThat(stats.column("note")).isEmpty();
        }
    }

    @Test
    void countsTheRowsOfASmallDatabaseWithoutSqliteStat1() throws Exception {
        Path file = database();
        try (Connector connector = Connectors.create(SourceConfig.ofPath("lite", SourceType.SQLITE, file.toString()))) {
            TableStatistics stats = connector.statistics("main", "facts").orElseThrow();
            assertThat(stats.rowCount()).hasValue(600);
            assertThat(stats.columns()).isEmpty();
        }
    }
}
