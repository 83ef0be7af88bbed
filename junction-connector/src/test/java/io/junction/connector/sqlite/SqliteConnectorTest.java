package io.junction.connector.sqlite;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteConnectorTest {
    @TempDir
    static Path dir;

    private static Connector connector;

    @BeforeAll
    static void createDatabase() throws SQLException {
        Path file = dir.resolve("test.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE all_types (id INTEGER PRIMARY KEY, c_int INT NOT NULL, c_bigint BIGINT, c_real REAL,
                      c_double DOUBLE PRECISION, c_float FLOAT, c_text TEXT, c_varchar VARCHAR(20), c_clob CLOB,
                      c_dec DECIMAL(38,10), c_num NUMERIC(10,2), c_bool BOOLEAN, c_date DATE, c_time TIME, c_ts TIMESTAMP,
                      c_dt DATETIME, c_blob BLOB, c_any)""");
            s.execute("""
                    INSERT INTO all_types VALUES
                    (1, 42, 1234567890123, 1.5, 2.25, 0.5, 'Zürich ☃ 日本', 'hello', 'clob', 1234.56789, 12.34, true,
                     '2024-02-29', '13:45:30.123456', '2024-02-29 13:45:30.123456', '2024-02-29T13:45:30', x'00ff10', 'x'),
                    (2, -9223372036854775808, 9223372036854775807, -1.7976931348623157e308, 4.9e-324, 0.1, '', '', '',
                     '-99999999999999.5', -99999999.99, false, '0001-01-01', '00:00:00', '0001-01-01 00:00:00',
                     '9999-12-31 23:59:59.999999', x'', 3),
                    (3, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)""");
            s.execute("CREATE VIEW all_types_view AS SELECT id, c_text FROM all_types");
            s.execute("CREATE TABLE messy (id INTEGER PRIMARY KEY, n INTEGER, d DATE, wide DECIMAL(38,10))");
            s.execute("INSERT INTO messy VALUES (1, 'abc', 1700000000, '9999999999999999999999999999.9999999999')");
            s.execute("ANALYZE");
        }
        connector = Connectors.create(SourceConfig.ofPath("lite", SourceType.SQLITE, file.toString()));
    }

    @AfterAll
    static void closeConnector() {
        connector.close();
    }

    @Test
    void metadataFollowsSqliteAffinityRules() {
        assertThat(connector.defaultSchema()).isEqualTo("main");
        assertThat(connector.schemaNames()).containsExactly("main");
        assertThat(connector.tables("main")).containsExactly(
                new TableInfo("main", "all_types", TableInfo.Kind.TABLE),
                new TableInfo("main", "all_types_view", TableInfo.Kind.VIEW),
                new TableInfo("main", "messy", TableInfo.Kind.TABLE));
        TableMetadata table = connector.table("main", "all_types").orElseThrow();
        assertThat(table.primaryKey()).containsExactly("id");
        assertThat(table.rowCountEstimate()).isEqualTo(OptionalLong.of(3));
        assertThat(table.columns().stream().map(ColumnMetadata::type).toList()).containsExactly(
                JunctionType.BIGINT, JunctionType.BIGINT, JunctionType.BIGINT, JunctionType.DOUBLE, JunctionType.DOUBLE,
                JunctionType.DOUBLE, JunctionType.VARCHAR, JunctionType.VARCHAR, JunctionType.VARCHAR, JunctionType.decimal(38, 10),
                JunctionType.decimal(10, 2), JunctionType.BOOLEAN, JunctionType.DATE, JunctionType.TIME, JunctionType.TIMESTAMP,
                JunctionType.TIMESTAMP, JunctionType.VARBINARY, null);
        assertThat(table.columns().get(0)).isEqualTo(new ColumnMetadata("id", JunctionType.BIGINT, false, "INTEGER"));
        assertThat(table.columns().get(1).nullable()).isFalse();
        assertThat(table.columns().get(2).nullable()).isTrue();
        assertThat(table.columns().get(9).sourceType()).isEqualTo("DECIMAL(38,10)");
        TableMetadata view = connector.table("main", "all_types_view").orElseThrow();
        assertThat(view.kind()).isEqualTo(TableInfo.Kind.VIEW);
        assertThat(view.rowCountEstimate()).isEmpty();
        assertThat(connector.table("main", "nope")).isEmpty();
    }

    /**
     * SQLite keeps a number written into a DECIMAL column as INTEGER or REAL (15 significant digits), so
     * only such values can come back exactly; they do.
     */
    private static final List<List<Object>> EXPECTED = List.of(
            Arrays.asList(1L, 42L, 1234567890123L, 1.5, 2.25, 0.5, "Zürich ☃ 日本", "hello", "clob", new BigDecimal("1234.5678900000"),
                    new BigDecimal("12.34"), true, LocalDate.of(2024, 2, 29), LocalTime.of(13, 45, 30, 123_456_000),
                    LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000), LocalDateTime.of(2024, 2, 29, 13, 45, 30), "0x00ff10"),
            Arrays.asList(2L, Long.MIN_VALUE, Long.MAX_VALUE, -1.7976931348623157e308, 4.9e-324, 0.1, "", "", "",
                    new BigDecimal("-99999999999999.5000000000"), new BigDecimal("-99999999.99"), false, LocalDate.of(1, 1, 1),
                    LocalTime.MIDNIGHT, LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), "0x"),
            Arrays.asList(3L, 0L, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));

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
    void valuesThatDoNotFitTheDeclaredTypeAreErrorsNotGuesses() {
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT n FROM messy", List.of(JunctionType.BIGINT)))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
                .hasMessageContaining("column 'n'").hasMessageContaining("abc");
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT d FROM messy", List.of(JunctionType.DATE)))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
                .hasMessageContaining("column 'd'").hasMessageContaining("ISO-8601");
        // SQLite rounded the 38-digit literal to the REAL 1e28, which no longer fits DECIMAL(38,10).
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT wide FROM messy",
                List.of(JunctionType.decimal(38, 10))))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW))
                .hasMessageContaining("column 'wide'");
    }

    @Test
    void closingEarlyStopsALargeQuery() {
        try (Connector single = Connectors.create(new SourceConfig("lite1", SourceType.SQLITE, null, null, null,
                dir.resolve("test.db").toString(), Map.of("pool_size", 1)))) {
            BatchStream stream = single.execute(new SourceQuery.Sql("""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000000) SELECT i FROM n""",
                    List.of(JunctionType.BIGINT)));
            Batch first = stream.next();
            assertThat(first.rowCount()).isEqualTo(2048);
            long closeStart = System.nanoTime();
            stream.close();
            assertThat((System.nanoTime() - closeStart) / 1_000_000).isLessThan(2000);
            assertThat(ResultRows.readAll(single.execute(new SourceQuery.Sql("SELECT 42", List.of(JunctionType.INTEGER)))))
                    .containsExactly(List.of(42));
        }
    }

    @Test
    void sqlErrorNamesSourceAndStatement() {
        assertThatThrownBy(() -> ResultRows.readAll(connector.execute(new SourceQuery.Sql("SELECT * FROM no_such_table", List.of(JunctionType.INTEGER)))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_QUERY_FAILED))
                .hasMessageContaining("source 'lite' (sqlite)")
                .hasMessageContaining("SELECT * FROM no_such_table");
    }

    @Test
    void missingFileIsAConfigErrorAndIsNotCreated() {
        Path missing = dir.resolve("missing.db");
        try (Connector absent = Connectors.create(SourceConfig.ofPath("gone", SourceType.SQLITE, missing.toString()))) {
            assertThatThrownBy(absent::checkReachable)
                    .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR))
                    .hasMessageContaining("source 'gone'")
                    .hasMessageContaining(missing.toString());
        }
        assertThat(missing).doesNotExist();
    }

    @Test
    void createOptionStartsAnEmptyDatabase() {
        Path fresh = dir.resolve("fresh.db");
        try (Connector created = Connectors.create(new SourceConfig("fresh", SourceType.SQLITE, null, null, null, fresh.toString(),
                Map.of("create", true)))) {
            created.checkReachable();
            assertThat(created.tables("main")).isEmpty();
        }
        assertThat(Files.exists(fresh)).isTrue();
    }
}
