package io.junction.connector.duckdb;

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

class DuckDbStatisticsTest {
    @TempDir
    Path dir;

    @Test
    void rowCountIsDuckDbsEstimatedSize() throws Exception {
        Path file = dir.resolve("stats.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE facts AS SELECT range AS id, range % 4 AS grp FROM range(300)");
            s.execute("CREATE VIEW facts_view AS SELECT * FROM facts");
        }
        try (Connector connector = Connectors.create(SourceConfig.ofPath("duck", SourceType.DUCKDB, file.toString()))) {
            TableStatistics stats = connector.statistics("main", "facts").orElseThrow();
            assertThat(stats.rowCount()).hasValue(300);
            assertThat(stats.columns()).isEmpty();
            assertThat(connector.statistics("main", "facts_view")).as("views have no statistics").isEmpty();
        }
    }
}
