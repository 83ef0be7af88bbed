package io.junction.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code junction bench tpch} end to end at a tiny scale factor against the real PostgreSQL and MariaDB,
 * under a data name of its own that is dropped afterwards: loading, running three queries on all
 * systems, checking results, measuring the transfer floor, counting data fetched per source, and
 * writing the JSON, CSV and HTML reports.
 */
class TpchBenchCommandTest {
    private static final String DATA = "jt_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @TempDir
    static Path dir;

    private static String output;
    private static int exitCode;

    @BeforeAll
    static void runBenchmark() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        exitCode = JunctionCli.run(new String[]{"bench", "tpch", "--sf", "0.01", "--reps", "1", "--warmup", "0", "--jit-warmup", "1", "--queries", "1,3,6",
                        "--data-name", DATA, "--out", dir.toString()},
                new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), false);
        output = out + err.toString();
    }

    @AfterAll
    static void dropData() throws Exception {
        try (Connection pg = DriverManager.getConnection(TestDatabases.pgUrl(), TestDatabases.pgUser(), TestDatabases.pgPassword());
             Statement s = pg.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + DATA + "_split CASCADE");
            s.execute("DROP SCHEMA IF EXISTS " + DATA + "_ref CASCADE");
        }
        try (Connection my = DriverManager.getConnection(TestDatabases.mysqlUrl(), TestDatabases.mysqlUser(), TestDatabases.mysqlPassword());
             Statement s = my.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATA);
        }
    }

    @Test
    void runsChecksAndReportsEveryQuery() throws Exception {
        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains("loaded postgresql " + DATA + "_split lineitem", "loaded mariadb", "loaded duckdb",
                "3 of 3 results checked equal to PostgreSQL's", "queries within 2x of their transfer floor");
        JsonNode report = new ObjectMapper().readTree(dir.resolve("tpch-sf0_01.json").toFile());
        assertThat(report.get("queries")).hasSize(3);
        assertThat(report.get("jitWarmupRounds").asInt()).isEqualTo(1);
        assertThat(output).contains("JIT warm-up: 1 rounds over 3 queries through Junction in", "Junction JIT-warmed by 1 rounds");
        for (JsonNode q : report.get("queries")) {
            assertThat(q.get("check").asText()).isEqualTo("ok");
            for (String system : List.of("junction", "transferFloor", "postgres", "duckdb")) {
                assertThat(q.get(system).get("medianMillis").asDouble()).as(system).isGreaterThanOrEqualTo(0);
            }
            assertThat(q.get("rowsFetchedFromSources").asLong()).isPositive();
            assertThat(q.get("bytesFetchedFromSources").asLong()).isGreaterThan(q.get("rowsFetchedFromSources").asLong());
        }
    }

    @Test
    void countsWhatEachSourceReturned() throws Exception {
        JsonNode report = new ObjectMapper().readTree(dir.resolve("tpch-sf0_01.json").toFile());
        JsonNode q3 = report.get("queries").get(1);
        assertThat(q3.get("query").asInt()).isEqualTo(3);
        List<String> sources = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        for (JsonNode s : q3.get("fetchedBySource")) {
            sources.add(s.get("source").asText());
            assertThat(s.get("statements").asLong()).isPositive();
            rows += s.get("rows").asLong();
            bytes += s.get("bytes").asLong();
        }
        // Q3 joins customer (MariaDB) with orders and lineitem (PostgreSQL).
        assertThat(sources).containsExactlyInAnyOrder("pg", "my");
        assertThat(rows).isEqualTo(q3.get("rowsFetchedFromSources").asLong());
        assertThat(bytes).isEqualTo(q3.get("bytesFetchedFromSources").asLong());
    }

    @Test
    void writesCsvAndAnHtmlReportWithAChartPerQuery() throws Exception {
        List<String> csv = Files.readAllLines(dir.resolve("tpch-sf0_01.csv"));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(0)).startsWith("query,junction_ms,floor_ms,postgres_ms,duckdb_ms");
        String html = Files.readString(dir.resolve("tpch-sf0_01.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h3>Q1</h3>", "<h3>Q3</h3>", "<h3>Q6</h3>", "transfer floor",
                "3 of 3 results checked equal");
        assertThat(html.split("<svg", -1)).hasSize(4);
    }
}
