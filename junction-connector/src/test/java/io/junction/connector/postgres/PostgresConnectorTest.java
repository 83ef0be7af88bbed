package io.junction.connector.postgres;

import io.junction.connector.Connector;
import io.junction.connector.Connectors;
import io.junction.connector.ResultRows;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceQuery;
import io.junction.connector.SourceType;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.connector.TestDatabases;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.ColumnMetadata;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresConnectorTest {
    @RegisterExtension
    static final TestDatabases PG = TestDatabases.postgres();

    private static Connector connector;
    /** The same source read through JDBC result sets instead of binary COPY: both paths must give the same values. */
    private static Connector jdbcConnector;

    @BeforeAll
    static void createTables() {
        PG.execute("""
                CREATE TYPE mood AS ENUM ('sad', 'happy')""", """
                CREATE TABLE all_types (
                  id integer PRIMARY KEY,
                  c_bool boolean, c_int2 smallint, c_int4 integer, c_int8 bigint NOT NULL,
                  c_dec numeric(38,10), c_money numeric(10,2), c_num numeric,
                  c_real real, c_double double precision,
                  c_char char(5), c_varchar varchar(20), c_text text,
                  c_date date, c_time time, c_ts timestamp, c_tstz timestamptz,
                  c_uuid uuid, c_json json, c_jsonb jsonb, c_bytea bytea,
                  c_enum mood, c_interval interval, c_array integer[])""", """
                INSERT INTO all_types VALUES
                (1, true, 12, 1234, 1234567890123, 1234.5678900000, 12.34, 3.14159, 1.5, 2.25,
                 'ab', 'hello', 'Zürich ☃ 日本', '2024-02-29', '13:45:30.123456', '2024-02-29 13:45:30.123456',
                 '2024-02-29 13:45:30.123456+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": 1}', '{"b": [1, 2]}',
                 '\\x00ff10', 'happy', '1 day', '{1,2}'),
                (2, false, -32768, -2147483648, -9223372036854775808, -9999999999999999999999999999.9999999999,
                 -99999999.99, -1234567890123456789012345678.0123456789, -3.4028235e38, -1.7976931348623157e308,
                 '', '', '', '0001-01-01', '00:00:00', '0001-01-01 00:00:00', '0001-01-01 00:00:00+00',
                 '00000000-0000-0000-0000-000000000000', '[]', '{}', '\\x', 'sad', '-1 mons', '{}'),
                (3, true, 32767, 2147483647, 9223372036854775807, 9999999999999999999999999999.9999999999,
                 99999999.99, 0.0000000001, 1.4e-45, 4.9e-324, 'abcde', 'xxxxxxxxxxxxxxxxxxxx', repeat('€', 1000),
                 '9999-12-31', '23:59:59.999999', '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59.999999+00',
                 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'null', '"s"', '\\xffffffff', null, null, null),
                (4, null, null, null, 0, null, null, null, null, null, null, null, null, null, null, null, null,
                 null, null, null, null, null, null, null)""", """
                CREATE VIEW all_types_view AS SELECT id, c_text FROM all_types""", """
                CREATE TABLE "Mixed Case" ("Key" integer, "Value" text, PRIMARY KEY ("Key"))""", """
                INSERT INTO "Mixed Case" VALUES (1, 'one')""", """
                ANALYZE all_types""");
        connector = Connectors.create(PG.config("pg"));
        jdbcConnector = Connectors.create(PG.config("pg", Map.of("binary_copy", false)));
    }

    @AfterAll
    static void closeConnector() {
        connector.close();
        jdbcConnector.close();
    }

    @Test
    void metadataDescribesTypesNullabilityKeysAndViews() {
        assertThat(connector.defaultSchema()).isEqualTo(PG.schema());
        assertThat(connector.schemaNames()).contains(PG.schema(), "public").doesNotContain("pg_catalog", "information_schema");
        assertThat(connector.tables(PG.schema())).containsExactly(
                new TableInfo(PG.schema(), "Mixed Case", TableInfo.Kind.TABLE),
                new TableInfo(PG.schema(), "all_types", TableInfo.Kind.TABLE),
                new TableInfo(PG.schema(), "all_types_view", TableInfo.Kind.VIEW));

        TableMetadata table = connector.table(PG.schema(), "all_types").orElseThrow();
        assertThat(table.kind()).isEqualTo(TableInfo.Kind.TABLE);
        assertThat(table.primaryKey()).containsExactly("id");
        assertThat(table.rowCountEstimate()).isEqualTo(OptionalLong.of(4));
        assertThat(table.columns()).containsExactly(
                new ColumnMetadata("id", JunctionType.INTEGER, false, "integer"),
                new ColumnMetadata("c_bool", JunctionType.BOOLEAN, true, "boolean"),
                new ColumnMetadata("c_int2", JunctionType.SMALLINT, true, "smallint"),
                new ColumnMetadata("c_int4", JunctionType.INTEGER, true, "integer"),
                new ColumnMetadata("c_int8", JunctionType.BIGINT, false, "bigint"),
                new ColumnMetadata("c_dec", JunctionType.decimal(38, 10), true, "numeric(38,10)"),
                new ColumnMetadata("c_money", JunctionType.decimal(10, 2), true, "numeric(10,2)"),
                new ColumnMetadata("c_num", JunctionType.decimal(38, 10), true, "numeric"),
                new ColumnMetadata("c_real", JunctionType.REAL, true, "real"),
                new ColumnMetadata("c_double", JunctionType.DOUBLE, true, "double precision"),
                new ColumnMetadata("c_char", JunctionType.chr(5), true, "character(5)"),
                new ColumnMetadata("c_varchar", JunctionType.varchar(20), true, "character varying(20)"),
                new ColumnMetadata("c_text", JunctionType.VARCHAR, true, "text"),
                new ColumnMetadata("c_date", JunctionType.DATE, true, "date"),
                new ColumnMetadata("c_time", JunctionType.TIME, true, "time without time zone"),
                new ColumnMetadata("c_ts", JunctionType.TIMESTAMP, true, "timestamp without time zone"),
                new ColumnMetadata("c_tstz", JunctionType.TIMESTAMP_TZ, true, "timestamp with time zone"),
                new ColumnMetadata("c_uuid", JunctionType.UUID, true, "uuid"),
                new ColumnMetadata("c_json", JunctionType.JSON, true, "json"),
                new ColumnMetadata("c_jsonb", JunctionType.JSON, true, "jsonb"),
                new ColumnMetadata("c_bytea", JunctionType.VARBINARY, true, "bytea"),
                new ColumnMetadata("c_enum", JunctionType.VARCHAR, true, "mood"),
                new ColumnMetadata("c_interval", null, true, "interval"),
                new ColumnMetadata("c_array", null, true, "integer[]"));

        TableMetadata view = connector.table(PG.schema(), "all_types_view").orElseThrow();
        assertThat(view.kind()).isEqualTo(TableInfo.Kind.VIEW);
        assertThat(view.primaryKey()).isEmpty();
        assertThat(view.rowCountEstimate()).isEmpty();
        assertThat(connector.table(PG.schema(), "no_such_table")).isEmpty();
        assertThat(connector.table(PG.schema(), "Mixed Case").orElseThrow().primaryKey()).containsExactly("Key");
    }

    private static final List<List<Object>> EXPECTED = List.of(
            Arrays.asList(1, true, 12, 1234, 1234567890123L, new BigDecimal("1234.5678900000"), new BigDecimal("12.34"),
                    new BigDecimal("3.1415900000"), 1.5f, 2.25, "ab   ", "hello", "Zürich ☃ 日本", LocalDate.of(2024, 2, 29),
                    LocalTime.of(13, 45, 30, 123_456_000), LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000),
                    OffsetDateTime.of(2024, 2, 29, 11, 45, 30, 123_456_000, ZoneOffset.UTC),
                    UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "{\"a\": 1}", "{\"b\": [1, 2]}", "0x00ff10", "happy"),
            Arrays.asList(2, false, -32768, -2147483648, Long.MIN_VALUE, new BigDecimal("-9999999999999999999999999999.9999999999"),
                    new BigDecimal("-99999999.99"), new BigDecimal("-1234567890123456789012345678.0123456789"), -3.4028235e38f,
                    -1.7976931348623157e308, "     ", "", "", LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT, LocalDateTime.of(1, 1, 1, 0, 0),
                    OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), new UUID(0, 0), "[]", "{}", "0x", "sad"),
            Arrays.asList(3, true, 32767, 2147483647, Long.MAX_VALUE, new BigDecimal("9999999999999999999999999999.9999999999"),
                    new BigDecimal("99999999.99"), new BigDecimal("0.0000000001"), 1.4e-45f, 4.9e-324, "abcde",
                    "xxxxxxxxxxxxxxxxxxxx", "€".repeat(1000), LocalDate.of(9999, 12, 31), LocalTime.of(23, 59, 59, 999_999_000),
                    LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC),
                    new UUID(-1, -1), "null", "\"s\"", "0xffffffff", null),
            Arrays.asList(4, null, null, null, 0L, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null));

    @Test
    void scanReturnsExactValues() {
        for (Connector path : List.of(connector, jdbcConnector)) {
            TableMetadata table = path.table(PG.schema(), "all_types").orElseThrow();
            assertThat(ResultRows.scanMapped(path, table)).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void sqlReturnsExactValues() {
        TableMetadata table = connector.table(PG.schema(), "all_types").orElseThrow();
        String sql = "SELECT " + String.join(", ", ResultRows.mappedNames(table)) + " FROM all_types ORDER BY id";
        for (Connector path : List.of(connector, jdbcConnector)) {
            BatchStream stream = path.execute(new SourceQuery.Sql(sql, ResultRows.mappedTypes(table)));
            assertThat(ResultRows.readAll(stream)).containsExactlyElementsOf(EXPECTED);
            // The binary connector really read binary COPY (the enum column included), not its JDBC fallback.
            assertThat(stream instanceof PostgresCopyStream copy && copy.readsBinary()).isEqualTo(path == connector);
        }
    }

    @Test
    void unconstrainedNumericRoundsBeyondTenFractionalDigitsAndRefusesTooManyIntegerDigits() {
        List<JunctionType> type = List.of(JunctionType.decimal(38, 10));
        assertThat(ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT 1.23456789012345::numeric", type))))
                .containsExactly(List.of(new BigDecimal("1.2345678901")));
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT 1e30::numeric", type))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW))
                .hasMessageContaining("source 'pg'");
    }

    @Test
    void quotedIdentifiersAreScannedAsSpelled() {
        TableMetadata table = connector.table(PG.schema(), "Mixed Case").orElseThrow();
        assertThat(ResultRows.scanMapped(connector, table)).containsExactly(List.of(1, "one"));
    }

    @Test
    void closingEarlyStopsALargeQueryAndTheConnectionIsReused() {
        closingEarlyStopsALargeQueryAndTheConnectionIsReused(Map.of("pool_size", 1));
        closingEarlyStopsALargeQueryAndTheConnectionIsReused(Map.of("pool_size", 1, "binary_copy", false));
    }

    private void closingEarlyStopsALargeQueryAndTheConnectionIsReused(Map<String, Object> options) {
        try (Connector single = Connectors.create(PG.config("pg1", options))) {
            long start = System.nanoTime();
            BatchStream stream = single.execute(new SourceQuery.Sql("SELECT g FROM generate_series(1, 5000000) g", List.of(JunctionType.INTEGER)));
            Batch first = stream.next();
            assertThat(first.rowCount()).isEqualTo(2048);
            assertThat(first.column(0).getObject(0)).isEqualTo(1);
            long closeStart = System.nanoTime();
            stream.close();
            assertThat((System.nanoTime() - closeStart) / 1_000_000).isLessThan(2000);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
            assertThat(ResultRows.readAll(single.execute(new SourceQuery.Sql("SELECT 42", List.of(JunctionType.INTEGER)))))
                    .containsExactly(List.of(42));
        }
    }

    @Test
    void closingFromAnotherThreadCancelsAFetchThatIsWaitingForTheServer() throws Exception {
        closingFromAnotherThreadCancelsAFetchThatIsWaitingForTheServer(connector);
        closingFromAnotherThreadCancelsAFetchThatIsWaitingForTheServer(jdbcConnector);
    }

    private void closingFromAnotherThreadCancelsAFetchThatIsWaitingForTheServer(Connector connector) throws Exception {
        // The first fetch (10 000 rows) returns at once; the second waits for a 30 s sleep in the server.
        BatchStream stream = connector.execute(new SourceQuery.Sql("""
                SELECT g FROM generate_series(1, 20000) g WHERE g < 15000 OR (SELECT true FROM pg_sleep(30))""",
                List.of(JunctionType.INTEGER)));
        var reader = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var drained = reader.submit(() -> {
                int rows = 0;
                for (Batch b = stream.next(); b != null; b = stream.next()) {
                    rows += b.rowCount();
                }
                return rows;
            });
            Thread.sleep(1000);
            long closeStart = System.nanoTime();
            stream.close();
            assertThat((System.nanoTime() - closeStart) / 1_000_000).isLessThan(2000);
            assertThatThrownBy(() -> drained.get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELED));
        } finally {
            reader.shutdownNow();
        }
        assertThat(ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT 7", List.of(JunctionType.INTEGER))))).containsExactly(List.of(7));
    }

    @Test
    void dataErrorsKeepTheirMeaning() {
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT 1 / (random() * 0)::int", List.of(JunctionType.INTEGER)))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIVISION_BY_ZERO))
                .hasMessageContaining("source 'pg' (postgresql)");
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT 2147483647 + (random() + 1)::int", List.of(JunctionType.INTEGER)))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW));
    }

    @Test
    void sqlErrorNamesSourceStateAndStatement() {
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT * FROM no_such_table", List.of(JunctionType.INTEGER)))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_QUERY_FAILED))
                .hasMessageContaining("source 'pg' (postgresql)")
                .hasMessageContaining("42P01")
                .hasMessageContaining("SELECT * FROM no_such_table");
        // The failed statement's connection went back to the pool in a usable state.
        assertThat(ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT 1", List.of(JunctionType.INTEGER))))).hasSize(1);
    }

    @Test
    void serverVersionNamesTheProduct() {
        assertThat(connector.serverVersion()).hasValueSatisfying(v -> assertThat(v).matches("PostgreSQL \\d+.*"));
    }

    @Test
    void unreachableServerIsReportedWithoutThePassword() {
        SourceConfig config = SourceConfig.of("pgdown", SourceType.POSTGRESQL, "jdbc:postgresql://127.0.0.1:1/test", "postgres", "s3cret-pw");
        try (Connector down = Connectors.create(config)) {
            assertThatThrownBy(down::checkReachable)
                    .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE))
                    .hasMessageContaining("source 'pgdown' (postgresql) is unreachable at jdbc:postgresql://127.0.0.1:1/test")
                    .message().doesNotContain("s3cret-pw");
        }
    }

    @Test
    void missingDatabaseIsARefusedLogin() {
        SourceConfig config = SourceConfig.of("pgnodb", SourceType.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5432/jt_no_such_database",
                TestDatabases.pgUser(), TestDatabases.pgPassword());
        try (Connector refused = Connectors.create(config)) {
            assertThatThrownBy(() -> refused.tables("public"))
                    .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_AUTH_FAILED))
                    .hasMessageContaining("source 'pgnodb'")
                    .hasMessageContaining("user '" + TestDatabases.pgUser() + "'")
                    .hasMessageContaining("jt_no_such_database");
        }
    }

    @Test
    void badUrlIsAConfigErrorAtCreation() {
        assertThatThrownBy(() -> Connectors.create(SourceConfig.of("pgbad", SourceType.POSTGRESQL, "postgres://x", "u", "p")))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR))
                .hasMessageContaining("source 'pgbad'");
    }
}
