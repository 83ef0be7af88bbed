package io.junction.connector.postgres;

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

class PostgresStatisticsTest {
    @RegisterExtension
    static final TestDatabases PG = TestDatabases.postgres();

    private static Connector connector;

    @BeforeAll
    static void createTables() {
        // 1000 rows: id unique, grp 7 values, note NULL in every 4th row, day over 10 dates.
        PG.execute("""
                CREATE TABLE facts AS
                SELECT g AS id, g % 7 AS grp, CASE WHEN g % 4 = 0 THEN NULL ELSE 'n' || g END AS note,
                       DATE '2024-01-01' + (g % 10) AS day
                FROM generate_series(1, 1000) g""", "ANALYZE facts",
                "CREATE TABLE never_analyzed (x integer)");
        connector = Connectors.create(PG.config("pg"));
    }

    @AfterAll
    static void close() {
        connector.close();
    }

    @Test
    void readsRowCountDistinctCountsNullFractionsAndRanges() {
        TableStatistics stats = connector.statistics(PG.schema(), "facts").orElseThrow();
        assertThat(stats.rowCount()).hasValue(1000);

        ColumnStatistics id = stats.column("id").orElseThrow();
        assertThat(id.distinctCount()).hasValue(1000);
        assertThat(id.nullFraction()).hasValue(0.0);
        assertThat(id.min()).hasValue("1");
        assertThat(id.max()).hasValue("1000");

        assertThat(stats.column("grp").orElseThrow().distinctCount()).hasValue(7);
        ColumnStatistics note = stats.column("note").orElseThrow();
        assertThat(note.nullFraction().getAsDouble()).isCloseTo(0.25, within(0.001));
        assertThat(note.distinctCount()).hasValue(750);
        assertThat(note.min()).as("text columns report no range").isEmpty();

        assertThat(stats.column("day").orElseThrow().distinctCount()).hasValue(10);
    }

    @Test
    void aTableNeverAnalyzedHasNoStatistics() {
        assertThat(connector.statistics(PG.schema(), "never_analyzed")).isEmpty();
        assertThat(connector.statistics(PG.schema(), "no_such_table")).isEmpty();
    }

    @Test
    void refreshReadsTheSourcesNewStatistics() {
        PG.execute("CREATE TABLE growing AS SELECT g AS id FROM generate_series(1, 10) g", "ANALYZE growing");
        assertThat(connector.statistics(PG.schema(), "growing").orElseThrow().rowCount()).hasValue(10);

        PG.execute("INSERT INTO growing SELECT g FROM generate_series(11, 500) g", "ANALYZE growing");
        assertThat(connector.statistics(PG.schema(), "growing").orElseThrow().rowCount())
                .as("cached until refreshed").hasValue(10);
        assertThat(connector.refreshStatistics(PG.schema(), "growing").orElseThrow().rowCount()).hasValue(500);
        assertThat(connector.statistics(PG.schema(), "growing").orElseThrow().rowCount()).hasValue(500);
    }
}
