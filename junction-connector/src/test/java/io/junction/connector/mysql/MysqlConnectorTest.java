package io.junction.connector.mysql;

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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MysqlConnectorTest {
    @RegisterExtension
    static final TestDatabases DB = TestDatabases.mariadb();

    private static Connector connector;

    @BeforeAll
    static void createTables() {
        DB.execute("""
                CREATE TABLE all_types (
                  id INT PRIMARY KEY,
                  c_bool BOOLEAN, c_tiny TINYINT, c_tiny_u TINYINT UNSIGNED, c_small SMALLINT, c_small_u SMALLINT UNSIGNED,
                  c_medium MEDIUMINT, c_int INT, c_int_u INT UNSIGNED, c_big BIGINT NOT NULL, c_big_u BIGINT UNSIGNED,
                  c_dec DECIMAL(38,10), c_float FLOAT, c_double DOUBLE,
                  c_char CHAR(5), c_varchar VARCHAR(20), c_text TEXT,
                  c_date DATE, c_time TIME(6), c_datetime DATETIME(6), c_ts TIMESTAMP(6) NULL, c_year YEAR,
                  c_uuid UUID, c_json JSON, c_blob BLOB, c_varbinary VARBINARY(10), c_enum ENUM('sad', 'happy'), c_point POINT
                ) ENGINE=InnoDB""",
                // TIMESTAMP literals are read in the session's zone; the connector must return the instant.
                "SET time_zone = '+05:00'", """
                INSERT INTO all_types VALUES
                (1, true, 12, 200, 1234, 60000, 8388607, 1234, 4000000000, 1234567890123, 18446744073709551615,
                 1234.5678900000, 1.5, 2.25, 'ab', 'hello', 'Zürich ☃ 日本',
                 '2024-02-29', '13:45:30.123456', '2024-02-29 13:45:30.123456', '2024-02-29 12:00:00.5', 2024,
                 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": 1}', x'00ff10', x'0102', 'happy', POINT(1, 2)),
                (2, false, -128, 0, -32768, 0, -8388608, -2147483648, 0, -9223372036854775808, 0,
                 -9999999999999999999999999999.9999999999, -1e30, -1.7976931348623157e308, '', '', '',
                 '1000-01-01', '00:00:00', '1000-01-01 00:00:00', '1970-01-01 05:00:01', 1901,
                 '00000000-0000-0000-0000-000000000000', '[]', x'', x'', 'sad', NULL),
                (3, true, 127, 255, 32767, 65535, 8388607, 2147483647, 4294967295, 9223372036854775807, 9223372036854775808,
                 9999999999999999999999999999.9999999999, 0.25, 2.2250738585072014e-308, 'abcde', 'xxxxxxxxxxxxxxxxxxxx', REPEAT('€', 1000),
                 '9999-12-31', '23:59:59.999999', '9999-12-31 23:59:59.999999', '2038-01-19 08:14:07.999999', 2155,
                 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'null', x'ffffffff', x'ff', NULL, NULL),
                (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)""", """
                CREATE VIEW all_types_view AS SELECT id, c_text FROM all_types""", """
                CREATE TABLE `Mixed Case` (`Key` INT, `Value` TEXT, PRIMARY KEY (`Key`))""", """
                INSERT INTO `Mixed Case` VALUES (1, 'one')""", """
                ANALYZE TABLE all_types""");
        connector = Connectors.create(DB.config("maria"));
    }

    @AfterAll
    static void closeConnector() {
        connector.close();
    }

    @Test
    void metadataDescribesTypesNullabilityKeysAndViews() {
        assertThat(connector.defaultSchema()).isEqualTo(DB.schema());
        assertThat(connector.schemaNames()).contains(DB.schema()).doesNotContain("mysql", "information_schema", "performance_schema", "sys");
        assertThat(connector.tables(DB.schema())).containsExactly(
                new TableInfo(DB.schema(), "Mixed Case", TableInfo.Kind.TABLE),
                new TableInfo(DB.schema(), "all_types", TableInfo.Kind.TABLE),
                new TableInfo(DB.schema(), "all_types_view", TableInfo.Kind.VIEW));

        TableMetadata table = connector.table(DB.schema(), "all_types").orElseThrow();
        assertThat(table.primaryKey()).containsExactly("id");
        assertThat(table.rowCountEstimate()).isPresent();
        assertThat(table.columns().stream().map(ColumnMetadata::type).toList()).containsExactly(
                JunctionType.INTEGER, JunctionType.BOOLEAN, JunctionType.TINYINT, JunctionType.SMALLINT, JunctionType.SMALLINT,
                JunctionType.INTEGER, JunctionType.INTEGER, JunctionType.INTEGER, JunctionType.BIGINT, JunctionType.BIGINT,
                JunctionType.decimal(20, 0), JunctionType.decimal(38, 10), JunctionType.REAL, JunctionType.DOUBLE,
                JunctionType.chr(5), JunctionType.varchar(20), JunctionType.VARCHAR, JunctionType.DATE, JunctionType.TIME,
                JunctionType.TIMESTAMP, JunctionType.TIMESTAMP_TZ, JunctionType.SMALLINT, JunctionType.UUID, JunctionType.JSON,
                JunctionType.VARBINARY, JunctionType.varbinary(10), JunctionType.VARCHAR, null);
        assertThat(table.columns().get(0).nullable()).isFalse();
        assertThat(table.columns().get(1).nullable()).isTrue();
        assertThat(table.columns().get(9)).isEqualTo(new ColumnMetadata("c_big", JunctionType.BIGINT, false, "bigint(20)"));
        assertThat(table.columns().get(10).sourceType()).isEqualTo("bigint(20) unsigned");
        assertThat(table.columns().get(27).sourceType()).isEqualTo("point");

        TableMetadata view = connector.table(DB.schema(), "all_types_view").orElseThrow();
        assertThat(view.kind()).isEqualTo(TableInfo.Kind.VIEW);
        assertThat(view.primaryKey()).isEmpty();
        assertThat(connector.table(DB.schema(), "no_such_table")).isEmpty();
        assertThat(connector.table(DB.schema(), "Mixed Case").orElseThrow().primaryKey()).containsExactly("Key");
    }

    /** CHAR(5) values come padded to 5, as Junction carries CHAR values (MariaDB returns them without the padding). */
    private static final List<List<Object>> EXPECTED = List.of(
            Arrays.asList(1, true, 12, 200, 1234, 60000, 8388607, 1234, 4000000000L, 1234567890123L, new BigDecimal("18446744073709551615"),
                    new BigDecimal("1234.5678900000"), 1.5f, 2.25, "ab   ", "hello", "Zürich ☃ 日本", LocalDate.of(2024, 2, 29),
                    LocalTime.of(13, 45, 30, 123_456_000), LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000),
                    OffsetDateTime.of(2024, 2, 29, 7, 0, 0, 500_000_000, ZoneOffset.UTC), 2024,
                    UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "{\"a\": 1}", "0x00ff10", "0x0102", "happy"),
            Arrays.asList(2, false, -128, 0, -32768, 0, -8388608, -2147483648, 0L, Long.MIN_VALUE, new BigDecimal("0"),
                    new BigDecimal("-9999999999999999999999999999.9999999999"), -1e30f, -1.7976931348623157e308, "     ", "", "",
                    LocalDate.of(1000, 1, 1), LocalTime.MIDNIGHT, LocalDateTime.of(1000, 1, 1, 0, 0),
                    OffsetDateTime.of(1970, 1, 1, 0, 0, 1, 0, ZoneOffset.UTC), 1901, new UUID(0, 0), "[]", "0x", "0x", "sad"),
            Arrays.asList(3, true, 127, 255, 32767, 65535, 8388607, 2147483647, 4294967295L, Long.MAX_VALUE,
                    new BigDecimal("9223372036854775808"), new BigDecimal("9999999999999999999999999999.9999999999"), 0.25f,
                    2.2250738585072014e-308, "abcde", "xxxxxxxxxxxxxxxxxxxx", "€".repeat(1000), LocalDate.of(9999, 12, 31),
                    LocalTime.of(23, 59, 59, 999_999_000), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                    OffsetDateTime.of(2038, 1, 19, 3, 14, 7, 999_999_000, ZoneOffset.UTC), 2155,
                    new UUID(-1, -1), "null", "0xffffffff", "0xff", null),
            Arrays.asList(4, null, null, null, null, null, null, null, null, 0L, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null));

    @Test
    void scanReturnsExactValues() {
        TableMetadata table = connector.table(DB.schema(), "all_types").orElseThrow();
        assertThat(ResultRows.scanMapped(connector, table)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void sqlReturnsExactValues() {
        TableMetadata table = connector.table(DB.schema(), "all_types").orElseThrow();
        String sql = "SELECT " + String.join(", ", ResultRows.mappedNames(table)) + " FROM all_types ORDER BY id";
        assertThat(ResultRows.readAll(connector.execute(new SourceQuery.Sql(sql, ResultRows.mappedTypes(table)))))
                .containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void quotedIdentifiersAreScannedAsSpelled() {
        TableMetadata table = connector.table(DB.schema(), "Mixed Case").orElseThrow();
        assertThat(ResultRows.scanMapped(connector, table)).containsExactly(List.of(1, "one"));
    }

    @Test
    void closingEarlyStopsAStreamingQueryAndTheConnectionIsReused() {
        try (Connector single = Connectors.create(DB.config("maria1", Map.of("pool_size", 1)))) {
            BatchStream stream = single.execute(new SourceQuery.Sql("SELECT seq FROM seq_1_to_5000000", List.of(JunctionType.BIGINT)));
            Batch first = stream.next();
            assertThat(first.rowCount()).isEqualTo(2048);
            assertThat(first.column(0).getObject(0)).isEqualTo(1L);
            long closeStart = System.nanoTime();
            stream.close();
            assertThat((System.nanoTime() - closeStart) / 1_000_000).isLessThan(2000);
            assertThat(ResultRows.readAll(single.execute(new SourceQuery.Sql("SELECT 42", List.of(JunctionType.INTEGER)))))
                    .containsExactly(List.of(42));
        }
    }

    @Test
    void sqlErrorNamesSourceStateAndStatement() {
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT * FROM no_such_table", List.of(JunctionType.INTEGER)))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_QUERY_FAILED))
                .hasMessageContaining("source 'maria' (mysql)")
                .hasMessageContaining("42S02")
                .hasMessageContaining("SELECT * FROM no_such_table");
    }

    @Test
    void unreachableServerNamesTheSource() {
        SourceConfig config = SourceConfig.of("mdown", SourceType.MYSQL, "jdbc:mariadb://127.0.0.1:1/test", "root", "");
        try (Connector down = Connectors.create(config)) {
            assertThatThrownBy(down::checkReachable)
                    .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE))
                    .hasMessageContaining("source 'mdown' (mysql) is unreachable at jdbc:mariadb://127.0.0.1:1/test");
        }
    }

    @Test
    void wrongPasswordIsARefusedLoginWithoutThePassword() {
        String user = "jt_user_" + DB.schema().substring(3);
        DB.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'right-pw'", "CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY 'right-pw'",
                "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'right-pw'");
        try {
            SourceConfig config = SourceConfig.of("mauth", SourceType.MYSQL, DB.url(), user, "wrong-pw-123");
            try (Connector refused = Connectors.create(config)) {
                assertThatThrownBy(refused::checkReachable)
                        .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_AUTH_FAILED))
                        .hasMessageContaining("source 'mauth' (mysql)")
                        .hasMessageContaining("user '" + user + "'")
                        .message().doesNotContain("wrong-pw-123");
            }
        } finally {
            DB.execute("DROP USER '" + user + "'@'%'", "DROP USER '" + user + "'@'127.0.0.1'", "DROP USER '" + user + "'@'localhost'");
        }
    }
}
