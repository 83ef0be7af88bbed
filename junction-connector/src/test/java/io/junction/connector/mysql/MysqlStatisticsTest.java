package io.junction.connector.mysql;

import io.junction.connector.ColumnStatistics;
import io.junction.connector.Connector;
import io.junction.connector.Connectors;
import io.junction.connector.TableStatistics;
import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MysqlStatisticsTest {
    @RegisterExtension
    static final TestDatabases DB = TestDatabases.mariadb();

    private static Connector connector;

    @BeforeAll
    static void createTables() {
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 400; i++) {
            values.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 5).append(',')
                    .append(i % 2 == 0 ? "NULL" : "'v" + i + "'").append(',').append(i % 20).append(')');
        }
        DB.execute("CREATE TABLE facts (id INT PRIMARY KEY, grp INT, note VARCHAR(10), bucket INT, KEY by_bucket (bucket))",
                "INSERT INTO facts VALUES " + values,
                "ANALYZE TABLE facts PERSISTENT FOR ALL",
                "CREATE TABLE indexed_only (id INT PRIMARY KEY, k INT, KEY by_k (k))",
                "INSERT INTO indexed_only SELECT seq, seq % 3 FROM seq_1_to_300",
                "ANALYZE TABLE indexed_only");
        connector = Connectors.create(DB.config("maria"));
    }

    @AfterAll
    static void close() {
        connector.close();
    }

    @Test
    void readsEngineIndependentStatisticsAfterAnalyzePersistent() {
        TableStatistics stats = connector.statistics(DB.schema(), "facts").orElseThrow();
        assertThat(stats.rowCount()).hasValue(400);
        assertThat(stats.column("grp").orElseThrow().distinctCount()).hasValue(5);
        ColumnStatistics note = stats.column("note").orElseThrow();
        assertThat(note.nullFraction().getAsDouble()).isCloseTo(0.5, within(0.001));
        assertThat(note.distinctCount()).hasValue(200);
        ColumnStatistics id = stats.column("id").orElseThrow();
        assertThat(id.distinctCount()).hasValue(400);
        assertThat(id.min()).hasValue("1");
        assertThat(id.max()).hasValue("400");
        assertThat(note.min()).isEmpty();
    }

    @Test
    void fallsBackToIndexCardinalityForColumnsWithoutColumnStatistics() {
        TableStatistics stats = connector.statistics(DB.schema(), "indexed_only").orElseThrow();
        assertThat(stats.rowCount()).hasValue(300);
        assertThat(stats.column("id").orElseThrow().distinctCount()).hasValue(300);
        // InnoDB samples index pages for its cardinality: near 3, not exactly.
        assertThat(stats.column("k").orElseThrow().distinctCount().getAsLong()).isBetween(1L, 30L);
    }
}
