package io.junction.connector.duckdb;

import io.junction.connector.Connector;
import io.junction.connector.Connectors;
import io.junction.connector.ResultRows;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceQuery;
import io.junction.connector.SourceType;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.ColumnMetadata;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DuckDbConnectorTest {
    @TempDir
    static Path dir;

    private static Connector connector;

    @BeforeAll
    static void createDatabase() throws SQLException {
        Path file = dir.resolve("test.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')");
            s.execute("""
                    CREATE TABLE all_types (id INTEGER PRIMARY KEY, c_bool BOOLEAN, c_tiny TINYINT, c_small SMALLINT, c_int INTEGER,
                      c_big BIGINT NOT NULL, c_huge HUGEINT, c_utiny UTINYINT, c_usmall USMALLINT, c_uint UINTEGER, c_ubig UBIGINT,
                      c_dec DECIMAL(38,10), c_float FLOAT, c_double DOUBLE, c_varchar VARCHAR, c_date DATE, c_time TIME,
                      c_ts TIMESTAMP, c_tstz TIMESTAMPTZ, c_uuid UUID, c_json JSON, c_blob BLOB, c_enum mood,
                      c_interval INTERVAL, c_list INTEGER[], c_struct STRUCT(a INTEGER), c_map MAP(VARCHAR, INTEGER))""");
            s.execute("""
                    INSERT INTO all_types VALUES
                    (1, true, 12, 1234, 123456, 1234567890123, 12345678901234567890123, 200, 60000, 4000000000, 18446744073709551615,
                     1234.56789, 1.5, 2.25, 'Zürich ☃ 日本', '2024-02-29', '13:45:30.123456', '2024-02-29 13:45:30.123456',
                     '2024-02-29 13:45:30.123456+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": 1}', '\\x00\\xFF\\x10'::BLOB,
                     'happy', INTERVAL 1 DAY, [1, 2], {'a': 1}, MAP {'k': 1}),
                    (2, false, -128, -32768, -2147483648, -9223372036854775808, -99999999999999999999999999999999999999, 0, 0, 0, 0,
                     -9999999999999999999999999999.9999999999, -3.4028235e38, -1.7976931348623157e308, '', '0001-01-01', '00:00:00',
                     '0001-01-01 00:00:00', '0001-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000', '[]', ''::BLOB,
                     'sad', NULL, NULL, NULL, NULL),
                    (3, true, 127, 32767, 2147483647, 9223372036854775807, 99999999999999999999999999999999999999, 255, 65535,
                     4294967295, 0, 9999999999999999999999999999.9999999999, 1.4e-45, 4.9e-324, repeat('€', 1000), '9999-12-31',
                     '23:59:59.999999', '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59.999999+00',
                     'ffffffff-ffff-ffff-ffff-ffffffffffff', 'null', '\\xFF\\xFF'::BLOB, NULL, NULL, NULL, NULL, NULL),
                    (4, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)""");
            s.execute("CREATE VIEW all_types_view AS SELECT id, c_varchar FROM all_types");
            s.execute("CREATE SCHEMA other");
            s.execute("CREATE TABLE other.\"Mixed Case\" (\"Key\" INTEGER, \"Value\" VARCHAR, PRIMARY KEY (\"Key\"))");
            s.execute("INSERT INTO other.\"Mixed Case\" VALUES (1, 'one')");
        }
        connector = Connectors.create(SourceConfig.ofPath("duck", SourceType.DUCKDB, file.toString()));
    }

    @AfterAll
    static void closeConnector() {
        connector.close();
    }

    @Test
    void metadataDescribesTypesKeysViewsAndEstimates() {
        assertThat(connector.defaultSchema()).isEqualTo("main");
        assertThat(connector.schemaNames()).containsExactly("main", "other");
        assertThat(connector.tables("main")).containsExactly(
                new TableInfo("main", "all_types", TableInfo.Kind.TABLE),
                new TableInfo("main", "all_types_view", TableInfo.Kind.VIEW));
        TableMetadata table = connector.table("main", "all_types").orElseThrow();
        assertThat(table.primaryKey()).containsExactly("id");
        assertThat(table.rowCountEstimate()).isEqualTo(OptionalLong.of(4));
        assertThat(table.columns().stream().map(ColumnMetadata::type).toList()).containsExactly(
                JunctionType.INTEGER, JunctionType.BOOLEAN, JunctionType.TINYINT, JunctionType.SMALLINT, JunctionType.INTEGER,
                JunctionType.BIGINT, JunctionType.decimal(38, 0), JunctionType.SMALLINT, JunctionType.INTEGER, JunctionType.BIGINT,
                JunctionType.decimal(20, 0), JunctionType.decimal(38, 10), JunctionType.REAL, JunctionType.DOUBLE, JunctionType.VARCHAR,
                JunctionType.DATE, JunctionType.TIME, JunctionType.TIMESTAMP, JunctionType.TIMESTAMP_TZ, JunctionType.UUID,
                JunctionType.JSON, JunctionType.VARBINARY, JunctionType.VARCHAR, null, null, null, null);
        assertThat(table.columns().get(0).nullable()).isFalse();
        assertThat(table.columns().get(1).nullable()).isTrue();
        assertThat(table.columns().get(23).sourceType()).isEqualTo("INTERVAL");
        assertThat(connector.table("main", "all_types_view").orElseThrow().kind()).isEqualTo(TableInfo.Kind.VIEW);
        assertThat(connector.table("other", "Mixed Case").orElseThrow().primaryKey()).containsExactly("Key");
    }

    private static final List<List<Object>> EXPECTED = List.of(
            Arrays.asList(1, true, 12, 1234, 123456, 1234567890123L, new BigDecimal("12345678901234567890123"), 200, 60000, 4000000000L,
                    new BigDecimal("18446744073709551615"), new BigDecimal("1234.5678900000"), 1.5f, 2.25, "Zürich ☃ 日本",
                    LocalDate.of(2024, 2, 29), LocalTime.of(13, 45, 30, 123_456_000), LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000),
                    OffsetDateTime.of(2024, 2, 29, 11, 45, 30, 123_456_000, ZoneOffset.UTC),
                    UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "{\"a\": 1}", "0x00ff10", "happy"),
            Arrays.asList(2, false, -128, -32768, -2147483648, Long.MIN_VALUE, new BigDecimal("-99999999999999999999999999999999999999"),
                    0, 0, 0L, new BigDecimal("0"), new BigDecimal("-9999999999999999999999999999.9999999999"), -3.4028235e38f,
                    -1.7976931348623157e308, "", LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT, LocalDateTime.of(1, 1, 1, 0, 0),
                    OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), new UUID(0, 0), "[]", "0x", "sad"),
            Arrays.asList(3, true, 127, 32767, 2147483647, Long.MAX_VALUE, new BigDecimal("99999999999999999999999999999999999999"),
                    255, 65535, 4294967295L, new BigDecimal("0"), new BigDecimal("9999999999999999999999999999.9999999999"), 1.4e-45f,
                    4.9e-324, "€".repeat(1000), LocalDate.of(9999, 12, 31), LocalTime.of(23, 59, 59, 999_999_000),
                    LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC),
                    new UUID(-1, -1), "null", "0xffff", null),
            Arrays.asList(4, null, null, null, null, 0L, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null));

    @Test
    void scanReturnsExactValues() {
        TableMetadata table = connector.table("main", "all_types").orElseThrow();
        assertThat(ResultRows.scanMapped(connector, table)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void sqlReturnsExactValues() {
        TableMetadata table = connector.table("main", "all_types").orElseThrow();
        String sql = "SELECT " + String.join(", ", ResultRows.mappedNames(table)) + " FROM all_types ORDER BY id";
        assertThat(ResultRows.readAll(connector.execute(new SourceQuery.Sql(sql, ResultRows.mappedTypes(table)))))
                .containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void quotedIdentifiersInAnotherSchemaAreScannedAsSpelled() {
        TableMetadata table = connector.table("other", "Mixed Case").orElseThrow();
        assertThat(ResultRows.scanMapped(connector, table)).containsExactly(List.of(1, "one"));
    }

    @Test
    void queriesRunConcurrentlyOnDuplicatedConnections() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<Object>>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql(
                        "SELECT count(*) FROM range(1000000)", List.of(JunctionType.BIGINT))))));
            }
            for (Future<List<List<Object>>> result : results) {
                assertThat(result.get()).containsExactly(List.of(1_000_000L));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingEarlyStopsALargeQuery() {
        long start = System.nanoTime();
        BatchStream stream = connector.execute(new SourceQuery.Sql("SELECT i FROM range(500000000) t(i)", List.of(JunctionType.BIGINT)));
        Batch first = stream.next();
        assertThat(first.rowCount()).isEqualTo(2048);
        long closeStart = System.nanoTime();
        stream.close();
        assertThat((System.nanoTime() - closeStart) / 1_000_000).isLessThan(2000);
        // Streaming: the first batch came long before 500 million rows could have been produced.
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
        assertThat(ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT 42", List.of(JunctionType.INTEGER)))))
                .containsExactly(List.of(42));
    }

    @Test
    void sqlErrorNamesSourceAndStatement() {
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT * FROM no_such_table", List.of(JunctionType.INTEGER)))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_QUERY_FAILED))
                .hasMessageContaining("source 'duck' (duckdb)")
                .hasMessageContaining("SELECT * FROM no_such_table");
    }

    @Test
    void missingFileIsAConfigErrorAndIsNotCreated() {
        Path missing = dir.resolve("missing.duckdb");
        try (Connector absent = Connectors.create(SourceConfig.ofPath("gone", SourceType.DUCKDB, missing.toString()))) {
            assertThatThrownBy(absent::checkReachable)
                    .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR))
                    .hasMessageContaining("source 'gone'")
                    .hasMessageContaining(missing.toString());
        }
        assertThat(missing).doesNotExist();
    }

    @Test
    void createOptionStartsAnEmptyDatabase() {
        Path fresh = dir.resolve("fresh.duckdb");
        try (Connector created = Connectors.create(new SourceConfig("fresh", SourceType.DUCKDB, null, null, null, fresh.toString(),
                Map.of("create", "true")))) {
            created.checkReachable();
            assertThat(created.tables("main")).isEmpty();
        }
        assertThat(fresh).exists();
    }
}
