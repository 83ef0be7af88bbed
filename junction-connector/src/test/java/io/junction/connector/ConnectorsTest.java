package io.junction.connector;

import io.junction.connector.duckdb.DuckDbDialect;
import io.junction.connector.mysql.MysqlDialect;
import io.junction.connector.postgres.PostgresDialect;
import io.junction.connector.sqlite.SqliteDialect;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectorsTest {
    @Test
    void creatingAConnectorNeverContactsTheSource() {
        try (Connector pg = Connectors.create(SourceConfig.of("pg", SourceType.POSTGRESQL, "jdbc:postgresql://127.0.0.1:1/x", "u", "p"));
             Connector maria = Connectors.create(SourceConfig.of("m", SourceType.MYSQL, "jdbc:mysql://127.0.0.1:1/x", "u", "p"));
             Connector lite = Connectors.create(SourceConfig.ofPath("l", SourceType.SQLITE, "/nonexistent/x.db"));
             Connector duck = Connectors.create(SourceConfig.ofPath("d", SourceType.DUCKDB, "/nonexistent/x.duckdb"))) {
            assertThat(pg.type()).isEqualTo(SourceType.POSTGRESQL);
            assertThat(maria.name()).isEqualTo("m");
            assertThat(lite.dialect()).containsInstanceOf(SqliteDialect.class);
            assertThat(duck.dialect()).containsInstanceOf(DuckDbDialect.class);
        }
    }

    @Test
    void settingsWrongOnTheirFaceFailAtCreation() {
        assertThatThrownBy(() -> Connectors.create(SourceConfig.ofPath("l", SourceType.SQLITE, null)))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR))
                .hasMessageContaining("source 'l'");
        assertThatThrownBy(() -> Connectors.create(SourceConfig.of("m", SourceType.MYSQL, null, "u", "p")))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR));
        assertThatThrownBy(() -> Connectors.create(new SourceConfig("pg", SourceType.POSTGRESQL, "jdbc:postgresql://h/db", "u", "p", null,
                Map.of("pool_size", "many"))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR))
                .hasMessageContaining("pool_size").hasMessageContaining("many");
    }

    @Test
    void csvSourcesGetTheCsvConnector() {
        try (Connector c = Connectors.create(SourceConfig.ofPath("c", SourceType.CSV, "/tmp"))) {
            assertThat(c).isInstanceOf(io.junction.connector.csv.CsvConnector.class);
            assertThat(c.dialect()).isEmpty();
        }
    }

    @Test
    void dialectsQuoteIdentifiersTheirSourcesWay() {
        assertThat(PostgresDialect.INSTANCE.calciteDialect().quoteIdentifier("Mixed \"Case\"")).isEqualTo("\"Mixed \"\"Case\"\"\"");
        assertThat(MysqlDialect.INSTANCE.calciteDialect().quoteIdentifier("Mixed `Case`")).isEqualTo("`Mixed ``Case```");
        assertThat(SqliteDialect.INSTANCE.calciteDialect().quoteIdentifier("t")).isEqualTo("\"t\"");
        assertThat(DuckDbDialect.INSTANCE.calciteDialect().quoteIdentifier("t")).isEqualTo("\"t\"");
    }
}
