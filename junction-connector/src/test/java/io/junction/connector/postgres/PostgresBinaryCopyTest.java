package io.junction.connector.postgres;

import io.junction.connector.Connector;
import io.junction.connector.Connectors;
import io.junction.connector.ResultRows;
import io.junction.connector.SourceQuery;
import io.junction.connector.TestDatabases;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The binary COPY path against the JDBC result-set path: same values, same failures, clean cancellation. */
class PostgresBinaryCopyTest {
    @RegisterExtension
    static final TestDatabases PG = TestDatabases.postgres();

    private static Connector binary;
    private static Connector jdbc;

    @BeforeAll
    static void open() {
        PG.execute("CREATE DOMAIN positive_amount AS numeric(12,2) CHECK (VALUE > 0)", """
                CREATE TABLE edge (id integer, amount positive_amount, label text, n numeric, n_neg numeric(6,-2))""", """
                INSERT INTO edge VALUES (1, 12.5, 'Ærøskøbing – 東京 – 🚀', 0.00000000005, 123456),
                                        (2, 9999999999.99, e'tab\\tnew\\nline', -0.00000000005, -50),
                                        (3, null, null, null, null),
                                        (4, 0.01, '', 123456789012345678901234567.9999999999, 49)""");
        binary = Connectors.create(PG.config("pg"));
        jdbc = Connectors.create(PG.config("pg", Map.of("binary_copy", false)));
    }

    @AfterAll
    static void close() {
        binary.close();
        jdbc.close();
    }

    /** Reads {@code sql} through both paths, checks binary COPY was used, and that both gave the same rows. */
    private static List<List<Object>> readBoth(String sql, JunctionType... types) {
        BatchStream stream = binary.execute(new SourceQuery.Sql(sql, List.of(types)));
        List<List<Object>> viaCopy = ResultRows.readAll(stream);
        assertThat(((PostgresCopyStream) stream).readsBinary()).as("binary COPY used for %s", sql).isTrue();
        List<List<Object>> viaJdbc = ResultRows.readAll(jdbc.execute(new SourceQuery.Sql(sql, List.of(types))));
        assertThat(viaCopy).containsExactlyElementsOf(viaJdbc);
        return viaCopy;
    }

    @Test
    void domainsNonAsciiTextAndNegativeScalesReadAlike() {
        List<List<Object>> rows = readBoth("SELECT id, amount, label, n, n_neg FROM edge ORDER BY id", JunctionType.INTEGER,
                JunctionType.decimal(12, 2), JunctionType.VARCHAR, JunctionType.decimal(38, 10), JunctionType.decimal(38, 10));
        assertThat(rows.get(0)).containsExactly(1, new BigDecimal("12.50"), "Ærøskøbing – 東京 – 🚀", new BigDecimal("0.0000000001"),
                new BigDecimal("123500.0000000000"));
        assertThat(rows.get(1)).containsExactly(2, new BigDecimal("9999999999.99"), "tab\tnew\nline", new BigDecimal("-0.0000000001"),
                new BigDecimal("-100.0000000000"));
        assertThat(rows.get(2)).containsExactly(3, null, null, null, null);
        assertThat(rows.get(3).get(3)).isEqualTo(new BigDecimal("123456789012345678901234567.9999999999"));
    }

    @Test
    void numericsOfEveryShapeReadAlike() {
        // Powers of ten from 1e-30 to 1e27 with assorted digits, signs and rounding positions, at three output scales.
        String values = """
                SELECT (s * (d::numeric * 10::numeric ^ e))::numeric AS v
                FROM generate_series(-30, 27) e,
                     unnest(ARRAY[1, 5, 9999, 10000, 12345, 49999, 50000, 99995, 123456789, 31415926535]) d,
                     unnest(ARRAY[1, -1]) s""";
        for (JunctionType type : List.of(JunctionType.decimal(38, 10), JunctionType.decimal(38, 0), JunctionType.decimal(38, 4))) {
            String filter = " WHERE abs(v) < 10::numeric ^ " + (type.precision() - type.scale() - 1);
            assertThat(readBoth("SELECT v FROM (" + values + ") q" + filter + " ORDER BY v", type)).hasSizeGreaterThan(600);
        }
        assertThat(readBoth("SELECT (d * 1.5)::numeric(18,2) FROM generate_series(-100000, 100000, 7) d ORDER BY d", JunctionType.decimal(18, 2)))
                .hasSize(28572);
        // Integers into decimals and doubles, numerics into doubles.
        readBoth("SELECT (x % 32768)::int2, (x % 2147483648)::int4, x, x::numeric FROM (VALUES (0::int8), (-32767), (32767), "
                        + "(9007199254740993), (-9223372036854775808)) t(x)",
                JunctionType.decimal(10, 2), JunctionType.DOUBLE, JunctionType.decimal(20, 0), JunctionType.DOUBLE);
    }

    @Test
    void everyTypeReadsNullAlike() {
        List<List<Object>> rows = readBoth("""
                SELECT null::bool, null::int2, null::int4, null::int8, null::float4, null::float8, null::numeric, null::text,
                       null::varchar, null::bpchar, null::date, null::time, null::timestamp, null::timestamptz, null::uuid,
                       null::bytea, null::json, null::jsonb""",
                JunctionType.BOOLEAN, JunctionType.SMALLINT, JunctionType.INTEGER, JunctionType.BIGINT, JunctionType.REAL,
                JunctionType.DOUBLE, JunctionType.decimal(38, 10), JunctionType.VARCHAR, JunctionType.VARCHAR, JunctionType.chr(1),
                JunctionType.DATE, JunctionType.TIME, JunctionType.TIMESTAMP, JunctionType.TIMESTAMP_TZ, JunctionType.UUID,
                JunctionType.VARBINARY, JunctionType.JSON, JunctionType.JSON);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).hasSize(18).containsOnlyNulls();
    }

    @Test
    void specialTemporalValuesReadAlike() {
        List<List<Object>> rows = readBoth("""
                SELECT 'infinity'::date, '-infinity'::date, '4713-01-01 BC'::date, '24:00:00'::time,
                       '1500-03-01 12:00:00.000001'::timestamp, '1969-12-31 23:59:59.999999+00'::timestamptz, 'NaN'::float8""",
                JunctionType.DATE, JunctionType.DATE, JunctionType.DATE, JunctionType.TIME, JunctionType.TIMESTAMP,
                JunctionType.TIMESTAMP_TZ, JunctionType.DOUBLE);
        assertThat(rows.getFirst().get(0)).isEqualTo(LocalDate.MAX);
        assertThat(rows.getFirst().get(3)).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        assertThat(rows.getFirst().get(6)).isEqualTo(Double.NaN);
    }

    @Test
    void valuesJunctionCannotCarryFailWithClearErrors() {
        assertThatThrownBy(() -> ResultRows.readAll(binary.execute(new SourceQuery.Sql("SELECT 'NaN'::numeric AS ratio",
                List.of(JunctionType.decimal(38, 10))))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
                .hasMessageContaining("source 'pg'").hasMessageContaining("column 'ratio'").hasMessageContaining("numeric NaN");
        for (String infinity : List.of("'infinity'::timestamp", "'-infinity'::timestamptz")) {
            JunctionType type = infinity.endsWith("tz") ? JunctionType.TIMESTAMP_TZ : JunctionType.TIMESTAMP;
            for (Connector path : List.of(binary, jdbc)) {
                assertThatThrownBy(() -> ResultRows.readAll(path.execute(new SourceQuery.Sql("SELECT " + infinity + " AS t", List.of(type)))))
                        .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW))
                        .hasMessageContaining("column 't'");
            }
        }
        assertThatThrownBy(() -> ResultRows.readAll(binary.execute(new SourceQuery.Sql("SELECT 1e28::numeric AS big",
                List.of(JunctionType.decimal(38, 10))))))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW))
                .hasMessageContaining("10000000000000000000000000000 does not fit DECIMAL(38,10)");
        // The failed statements left the connections usable.
        assertThat(readBoth("SELECT 1", JunctionType.INTEGER)).containsExactly(List.of(1));
    }

    @Test
    void typesWithoutABinaryDecoderFallBackToJdbc() {
        BatchStream stream = binary.execute(new SourceQuery.Sql("SELECT '1 day 2 hours'::interval", List.of(JunctionType.VARCHAR)));
        assertThat(ResultRows.readAll(stream)).containsExactly(List.of("1 day 02:00:00"));
        assertThat(((PostgresCopyStream) stream).readsBinary()).isFalse();
    }

    @Test
    void closingEarlyLeavesNoRunningCopyAndTheConnectionIsReused() throws Exception {
        try (Connector single = Connectors.create(PG.config("pg1", Map.of("pool_size", 1)))) {
            BatchStream stream = single.execute(new SourceQuery.Sql("SELECT g, g::text FROM generate_series(1, 20000000) g /* " + PG.schema() + " */",
                    List.of(JunctionType.INTEGER, JunctionType.VARCHAR)));
            assertThat(stream.next().rowCount()).isEqualTo(2048);
            long start = System.nanoTime();
            stream.close();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
            assertThat(runningCopies(PG)).isZero();
            for (int i = 0; i < 3; i++) {
                assertThat(ResultRows.readAll(single.execute(new SourceQuery.Sql("SELECT 42", List.of(JunctionType.INTEGER)))))
                        .containsExactly(List.of(42));
            }
        }
    }

    @Test
    void closingFromAnotherThreadStopsTheCopyInTheServer() throws Exception {
        try (Connector single = Connectors.create(PG.config("pg1", Map.of("pool_size", 1)))) {
            BatchStream stream = single.execute(new SourceQuery.Sql(
                    "SELECT g FROM generate_series(1, 100000) g WHERE g < 50000 OR (SELECT true FROM pg_sleep(30)) /* " + PG.schema() + " */",
                    List.of(JunctionType.INTEGER)));
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> drained = reader.submit(() -> {
                    int rows = 0;
                    for (Batch b = stream.next(); b != null; b = stream.next()) {
                        rows += b.rowCount();
                    }
                    return rows;
                });
                // The server sleeps once the first 49 999 rows are sent; by then the reader waits inside next().
                waitUntil(() -> runningCopies(PG, "PgSleep") == 1);
                Thread.sleep(300);
                long start = System.nanoTime();
                stream.close();
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
                assertThatThrownBy(() -> drained.get(5, TimeUnit.SECONDS)).cause()
                        .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELED));
            } finally {
                reader.shutdownNow();
            }
            assertThat(runningCopies(PG)).isZero();
            assertThat(ResultRows.readAll(single.execute(new SourceQuery.Sql("SELECT 7", List.of(JunctionType.INTEGER))))).containsExactly(List.of(7));
        }
    }

    /**
     * COPY statements of Junction's connections that the server is still running and whose text names this test
     * class's schema (other test runs may share the server).
     */
    static int runningCopies(TestDatabases db) throws SQLException {
        return runningCopies(db, null);
    }

    static int runningCopies(TestDatabases db, String waitEvent) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT count(*) FROM pg_stat_activity
                     WHERE application_name = 'junction' AND state = 'active' AND pid <> pg_backend_pid()
                       AND query LIKE 'COPY (%' AND strpos(query, '""" + db.schema() + "') > 0" + (waitEvent == null ? "" : " AND wait_event = '" + waitEvent + "'"))) {
            rs.next();
            return rs.getInt(1);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls until the condition holds; the limit is generous because a server busy with a checkpoint can stall for seconds. */
    static void waitUntil(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
