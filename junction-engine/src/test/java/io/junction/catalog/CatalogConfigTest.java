package io.junction.catalog;

import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogConfigTest {
    private static final Path BASE = Path.of("/data/project");

    private static List<SourceConfig> parse(String yaml, Map<String, String> env) {
        return CatalogConfig.parse(yaml, "junction.yaml", BASE, env::get);
    }

    @Test
    void readsEverySourceKindWithEnvironmentSubstitution() {
        List<SourceConfig> sources = parse("""
                sources:
                  pg:    { type: postgresql, url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres, password: "${PGPASSWORD}" }
                  shop:  { type: mysql, url: "jdbc:mariadb://127.0.0.1:3306/test", user: root }
                  local: { type: sqlite, path: ./data/app.db }
                  files: { type: csv, path: ./data/csv, sample_rows: 50 }
                  duck:  { type: duckdb, path: "${DATA_DIR:-/tmp}/x.duckdb" }
                """, Map.of("PGPASSWORD", "s3cr$t\\x"));
        assertThat(sources).extracting(SourceConfig::name).containsExactly("pg", "shop", "local", "files", "duck");
        assertThat(sources.get(0).type()).isEqualTo(SourceType.POSTGRESQL);
        assertThat(sources.get(0).password()).isEqualTo("s3cr$t\\x");
        assertThat(sources.get(1).type()).isEqualTo(SourceType.MYSQL);
        assertThat(sources.get(1).password()).isNull();
        assertThat(sources.get(2).path()).isEqualTo(BASE.resolve("data/app.db").toString());
        assertThat(sources.get(3).options()).containsEntry("sample_rows", 50);
        assertThat(sources.get(4).path()).isEqualTo("/tmp/x.duckdb");
        assertThat(sources.get(0).toString()).doesNotContain("s3cr");
    }

    @Test
    void unsetVariableNamesSourceAndVariable() {
        assertThatThrownBy(() -> parse("sources:\n  pg: { type: postgresql, url: x, password: \"${NOPE}\" }\n", Map.of()))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
                    assertThat(e.getMessage()).contains("source 'pg'", "NOPE", "password");
                });
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> parse("sources:\n  x: { type: oracle }\n", Map.of()))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.getMessage())
                        .contains("source 'x'", "oracle", "postgresql, mysql, sqlite, duckdb, csv"));
    }

    @Test
    void missingTypeAndMalformedYamlAreConfigErrors() {
        assertThatThrownBy(() -> parse("sources:\n  x: { url: y }\n", Map.of()))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.getMessage()).contains("missing 'type'"));
        assertThatThrownBy(() -> parse("sources: [1, 2\n", Map.of()))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR));
        assertThatThrownBy(() -> parse("other: 1\n", Map.of()))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.getMessage()).contains("'sources:'"));
        assertThatThrownBy(() -> parse("sources:\n  \"bad name\": { type: csv, path: x }\n", Map.of()))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.getMessage()).contains("plain SQL identifier"));
    }

    @Test
    void missingFileIsAConfigError() {
        assertThatThrownBy(() -> CatalogConfig.load(Path.of("/nonexistent/junction.yaml")))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
                    assertThat(e.getMessage()).contains("/nonexistent/junction.yaml");
                });
    }
}
