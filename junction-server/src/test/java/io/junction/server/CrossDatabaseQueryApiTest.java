package io.junction.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/cross-database/query, /api/query and /api/explain over real HTTP, with tables in a real MariaDB
 * and a real PostgreSQL; results are compared with the same query run inside PostgreSQL on copies of the
 * tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossDatabaseQueryApiTest {
    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases reference = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases maria = TestDatabases.mariadb();
    @TempDir
    static Path dataDir;

    private JunctionServer server;
    private ApiClient api;
    private String mysqlId;
    private String pgId;
    private String pgDownId;

    @BeforeAll
    void start() {
        String users = "INSERT INTO users VALUES (1, 'alice', 'DE'), (2, 'bob', NULL), (3, 'chloé', 'FR'), (4, 'dora', 'DE'), (5, 'écrit', 'JP')";
        String todos = "INSERT INTO todos VALUES (1, 1, 'write tests', 2.50), (2, 1, 'ship it', NULL), (3, 2, 'review', 10.00), "
                + "(4, 3, 'bob', 0.10), (5, 9, 'orphan', 99.99), (6, NULL, 'alice', 1.00), (7, 4, 'write tests', 3.33)";
        maria.execute("CREATE TABLE users (id INT PRIMARY KEY, username VARCHAR(40), country CHAR(2))", users);
        pg.execute("CREATE TABLE todos (id INT PRIMARY KEY, user_id INT, title TEXT, effort NUMERIC(6,2))", todos,
                "CREATE TABLE typed (id BIGINT, amount NUMERIC(20,6), ratio DOUBLE PRECISION, day DATE, at TIMESTAMP, "
                        + "at_tz TIMESTAMPTZ, bytes BYTEA, flag BOOLEAN, note TEXT)",
                "INSERT INTO typed VALUES (9007199254740993, 12345678901234.123456, 0.1, DATE '2024-02-29', "
                        + "TIMESTAMP '2024-01-02 03:04:05.123456', TIMESTAMPTZ '2024-01-02 03:04:05+02', '\\x00ff10'::bytea, true, 'x'), "
                        + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                "CREATE TABLE numbers AS SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 20000) g",
                "CREATE VIEW slow AS SELECT 1 AS x FROM pg_sleep(20)");
        reference.execute("CREATE TABLE users (id INT PRIMARY KEY, username VARCHAR(40), country CHAR(2))", users,
                "CREATE TABLE todos (id INT PRIMARY KEY, user_id INT, title TEXT, effort NUMERIC(6,2))", todos);

        server = TestConnections.start(dataDir, null, null);
        api = new ApiClient(server.port(), null);
        mysqlId = create(TestConnections.mariadb("mysql_conn", maria));
        pgId = create(TestConnections.postgres("pg_conn", pg));
        Map<String, Object> down = new HashMap<>(TestConnections.postgres("pg_down", pg));
        down.put("port", 1);
        pgDownId = create(down);
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private String create(Map<String, Object> body) {
        ApiClient.Response r = api.post("/api/connections", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private ApiClient.Response crossQuery(String sql, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", sql);
        body.put("connection_ids", List.of(mysqlId, pgId));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return api.post("/api/cross-database/query", body);
    }

    /** The query run inside PostgreSQL on the reference copies, each value as text (null for NULL). */
    private List<List<String>> referenceRows(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = reference.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<List<String>> apiRows(JsonNode response) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : response.get("results")) {
            List<String> row = new ArrayList<>();
            for (JsonNode column : response.get("columns")) {
                JsonNode v = r.get(column.get("name").asText());
                row.add(v.isNull() ? null : v.asText());
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void crossDatabaseJoinMatchesPostgres() throws Exception {
        String federated = "SELECT u.username, t.title, t.effort FROM mysql_conn.users u JOIN pg_conn.todos t ON u.id = t.user_id ORDER BY t.id";

        ApiClient.Response r = crossQuery(federated);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(apiRows(json)).isEqualTo(referenceRows(
                "SELECT u.username, t.title, t.effort FROM users u JOIN todos t ON u.id = t.user_id ORDER BY t.id"));
        assertThat(json.get("original_query").asText()).isEqualTo(federated);
        assertThat(json.get("columns")).extracting(c -> c.get("name").asText()).containsExactly("username", "title", "effort");
        assertThat(json.get("columns").get(2).get("type").asText()).isEqualTo("DECIMAL(6,2)");
        assertThat(json.get("row_count").asInt()).isEqualTo(5);
        assertThat(json.get("limit_applied").asBoolean()).isFalse();
        assertThat(json.get("execution_time_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(Instant.parse(json.get("executed_at").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(json.get("results").get(0).get("effort").isTextual()).isTrue(); // exact decimal digits as a string

        JsonNode subQueries = json.get("sub_queries");
        assertThat(subQueries).hasSize(2);
        assertThat(subQueries).extracting(s -> s.get("connection_id").asText()).containsExactlyInAnyOrder(mysqlId, pgId);
        for (JsonNode s : subQueries) {
            boolean mysql = s.get("connection_id").asText().equals(mysqlId);
            assertThat(s.get("database_type").asText()).isEqualTo(mysql ? "mysql" : "postgresql");
            assertThat(s.get("query").asText()).startsWith("SELECT").contains(mysql ? "`users`" : "\"todos\"");
            // todos: all 7 rows, or, read as a bind join once the sources' statistics show users is small, the 5 with a user
            if (mysql) {
                assertThat(s.get("row_count").asLong()).isEqualTo(5);
            } else {
                assertThat(s.get("row_count").asLong()).isBetween(5L, 7L);
            }
            assertThat(s.get("execution_time_ms").asLong()).isGreaterThanOrEqualTo(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNION", "UNION ALL"})
    void unionAcrossDatabasesMatchesPostgres(String union) throws Exception {
        String federated = "SELECT username AS name FROM mysql_conn.users " + union + " SELECT title FROM pg_conn.todos ORDER BY 1";

        ApiClient.Response r = crossQuery(federated, "apply_limit", false);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<List<String>> expected = referenceRows("SELECT name FROM (SELECT username AS name FROM users " + union
                + " SELECT title FROM todos) s ORDER BY name COLLATE \"C\"");
        assertThat(apiRows(r.json())).isEqualTo(expected);
        assertThat(r.json().get("row_count").asInt()).isEqualTo(union.equals("UNION") ? 9 : 12);
    }

    @Test
    void connectionsAreNamedByIdInSqlToo() {
        ApiClient.Response r = crossQuery("SELECT COUNT(*) AS n FROM \"" + mysqlId + "\".users u JOIN \"" + pgId + "\".todos t ON u.id = t.user_id");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("results").get(0).get("n").asLong()).isEqualTo(5);
    }

    @Test
    void connectionIdsMayBeGivenByName() {
        ApiClient.Response r = api.post("/api/cross-database/query", Map.of("query", "SELECT COUNT(*) AS n FROM pg_conn.todos",
                "connection_ids", List.of("pg_conn")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("results").get(0).get("n").asLong()).isEqualTo(7);
    }

    @Test
    void valuesHaveTheirJsonTypes() {
        ApiClient.Response r = crossQuery("SELECT * FROM pg_conn.typed ORDER BY id NULLS LAST");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode row = r.json().get("results").get(0);
        assertThat(row.get("id").isIntegralNumber()).isTrue();
        assertThat(row.get("id").asText()).isEqualTo("9007199254740993"); // beyond double precision, still exact
        assertThat(row.get("amount").isTextual()).isTrue();
        assertThat(row.get("amount").asText()).isEqualTo("12345678901234.123456");
        assertThat(row.get("ratio").isDouble()).isTrue();
        assertThat(row.get("ratio").asDouble()).isEqualTo(0.1);
        assertThat(row.get("day").asText()).isEqualTo("2024-02-29");
        assertThat(row.get("at").asText()).isEqualTo("2024-01-02T03:04:05.123456");
        assertThat(row.get("at_tz").asText()).isEqualTo("2024-01-02T01:04:05Z");
        assertThat(row.get("bytes").asText()).isEqualTo("AP8Q");
        assertThat(row.get("flag").isBoolean()).isTrue();
        JsonNode nulls = r.json().get("results").get(1);
        nulls.properties().forEach(e -> assertThat(e.getValue().isNull()).as(e.getKey()).isTrue());
    }

    @Test
    void limitAppliedOnlyWhenTheLimitCutsTheResult() {
        ApiClient.Response exact = crossQuery("SELECT id FROM pg_conn.todos", "limit_value", 7);
        assertThat(exact.json().get("row_count").asInt()).isEqualTo(7);
        assertThat(exact.json().get("limit_applied").asBoolean()).isFalse();

        ApiClient.Response cut = crossQuery("SELECT id FROM pg_conn.todos", "limit_value", 6);
        assertThat(cut.json().get("row_count").asInt()).isEqualTo(6);
        assertThat(cut.json().get("results")).hasSize(6);
        assertThat(cut.json().get("limit_applied").asBoolean()).isTrue();

        ApiClient.Response unlimited = crossQuery("SELECT n FROM pg_conn.numbers", "apply_limit", false);
        assertThat(unlimited.json().get("row_count").asInt()).isEqualTo(20000);
        assertThat(unlimited.json().get("limit_applied").asBoolean()).isFalse();

        ApiClient.Response defaultLimit = crossQuery("SELECT n FROM pg_conn.numbers");
        assertThat(defaultLimit.json().get("row_count").asInt()).isEqualTo(1000);
        assertThat(defaultLimit.json().get("limit_applied").asBoolean()).isTrue();
    }

    @Test
    void repeatedColumnNamesGetDistinctKeys() {
        ApiClient.Response r = crossQuery("SELECT u.id, t.id FROM mysql_conn.users u JOIN pg_conn.todos t ON u.id = t.user_id WHERE t.id = 3");

        assertThat(r.json().get("columns")).extracting(c -> c.get("name").asText()).containsExactly("id", "id_2");
        assertThat(r.json().get("results").get(0).get("id").asInt()).isEqualTo(2);
        assertThat(r.json().get("results").get(0).get("id_2").asInt()).isEqualTo(3);
    }

    static Stream<Arguments> invalidRequests() {
        List<String> ids = List.of("mysql_conn");
        return Stream.of(
                Arguments.of(Map.of("connection_ids", ids), "query"),
                Arguments.of(Map.of("query", "  ", "connection_ids", ids), "query"),
                Arguments.of(Map.of("query", 5, "connection_ids", ids), "query"),
                Arguments.of(Map.of("query", "SELECT 1"), "connection_ids"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", List.of()), "connection_ids"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", "mysql_conn"), "connection_ids"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", List.of(1)), "connection_ids"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", ids, "timeout_secs", 0), "timeout_secs"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", ids, "timeout_secs", 301), "timeout_secs"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", ids, "timeout_secs", "60"), "timeout_secs"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", ids, "timeout_secs", 1.5), "timeout_secs"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", ids, "limit_value", 0), "limit_value"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", ids, "limit_value", 10_001), "limit_value"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", ids, "apply_limit", "yes"), "apply_limit"),
                Arguments.of(Map.of("query", "SELECT 1", "connection_ids", ids, "max_rows", 5), "max_rows"),
                Arguments.of(Map.of("query", "SELECT username FROM mysql_conn.users JOIN pg_conn.todos ON true",
                        "connection_ids", ids), "connection_ids"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void invalidRequestIs400NamingTheField(Map<String, Object> body, String field) {
        ApiClient.Response r = api.post("/api/cross-database/query", body);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("validation_failed");
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.json().get("message").asText()).isNotBlank();
    }

    @Test
    void boundaryValuesAreAccepted() {
        ApiClient.Response r = crossQuery("SELECT 1 AS a", "timeout_secs", 300, "limit_value", 10_000, "apply_limit", true);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        ApiClient.Response low = crossQuery("SELECT 1 AS a", "timeout_secs", 1, "limit_value", 1);
        assertThat(low.status()).isEqualTo(200);
        assertThat(low.json().get("sub_queries")).isEmpty();
    }

    @Test
    void unknownConnectionIdIs404() {
        ApiClient.Response r = api.post("/api/cross-database/query", Map.of("query", "SELECT 1",
                "connection_ids", List.of(mysqlId, "6b0c6b8e-1111-4c4c-8888-000000000000")));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("field").asText()).isEqualTo("connection_ids");
        assertThat(r.json().get("message").asText()).contains("6b0c6b8e-1111-4c4c-8888-000000000000");
    }

    @Test
    void sqlErrorIs422WithPosition() {
        ApiClient.Response r = crossQuery("SELECT title,\n       nope FROM pg_conn.todos");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("error").asText()).isEqualTo("sql_error");
        assertThat(r.json().get("sqlstate").asText()).isEqualTo("42703");
        assertThat(r.json().get("line").asInt()).isEqualTo(2);
        assertThat(r.json().get("column").asInt()).isEqualTo(8);
        assertThat(r.json().get("message").asText()).contains("nope");

        ApiClient.Response syntax = crossQuery("SELEC 1");
        assertThat(syntax.status()).isEqualTo(422);
        assertThat(syntax.json().get("sqlstate").asText()).isEqualTo("42601");
    }

    @Test
    void failingSourceIs502NamingTheConnection() {
        ApiClient.Response r = api.post("/api/cross-database/query", Map.of("query", "SELECT * FROM pg_down.todos",
                "connection_ids", List.of(pgDownId)));

        assertThat(r.status()).as(r.toString()).isEqualTo(502);
        assertThat(r.json().get("error").asText()).isEqualTo("source_failed");
        assertThat(r.json().get("connection_id").asText()).isEqualTo(pgDownId);
        assertThat(r.json().get("connection_name").asText()).isEqualTo("pg_down");
        assertThat(r.json().get("message").asText()).contains("pg_down");
    }

    @Test
    void timeoutIs504AndCancelsTheSourceStatement() throws Exception {
        long start = System.nanoTime();
        ApiClient.Response r = crossQuery("SELECT x FROM pg_conn.slow", "timeout_secs", 1);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.status()).as(r.toString()).isEqualTo(504);
        assertThat(r.json().get("error").asText()).isEqualTo("query_timeout");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        // the statement is no longer running in PostgreSQL
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        int stillRunning;
        do {
            try (Connection c = pg.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' "
                         + "AND query LIKE '%slow%' AND pid <> pg_backend_pid()")) {
                rs.next();
                stillRunning = rs.getInt(1);
            }
        } while (stillRunning > 0 && System.nanoTime() < deadline);
        assertThat(stillRunning).isZero();
    }

    @Test
    void fiftyConcurrentRequestsAreAnsweredCorrectly() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int k = 1; k <= 50; k++) {
            String body = ApiClient.JSON.writeValueAsString(Map.of(
                    "query", "SELECT COUNT(*) AS n, MAX(u.username) AS last FROM mysql_conn.users u JOIN pg_conn.numbers x ON x.n <= u.id * "
                            + k + " WHERE u.id <= 2 AND x.n <= 150",
                    "connection_ids", List.of(mysqlId, pgId)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/cross-database/query"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            responses.add(api.http().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (int k = 1; k <= 50; k++) {
            HttpResponse<String> r = responses.get(k - 1).get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode row = ApiClient.JSON.readTree(r.body()).get("results").get(0);
            assertThat(row.get("n").asLong()).as("request " + k).isEqualTo(k + 2L * k); // user 1 joins k rows, user 2 joins 2k
            assertThat(row.get("last").asText()).isEqualTo("bob");
        }
    }

    @Test
    void ndjsonStreamsEveryRow() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/cross-database/query"))
                .header("Content-Type", "application/json").header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(Map.of(
                        "query", "SELECT n, label FROM pg_conn.numbers ORDER BY n", "connection_ids", List.of(pgId), "apply_limit", false))))
                .build();
        HttpResponse<InputStream> r = api.http().send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        assertThat(r.headers().firstValue("Content-Length")).isEmpty(); // chunked: written while read
        long count = 0;
        JsonNode last = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                last = ApiClient.JSON.readTree(line);
                count++;
                assertThat(last.get("n").asLong()).isEqualTo(count);
            }
        }
        assertThat(count).isEqualTo(20000);
        assertThat(last.get("label").asText()).isEqualTo("row 20000");
    }

    @Test
    void csvStreamsWithHeaderAndHonoursTheLimit() {
        ApiClient.Response r = api.send("POST", "/api/cross-database/query", Map.of(
                "query", "SELECT id, title, effort FROM pg_conn.todos ORDER BY id", "connection_ids", List.of(pgId), "limit_value", 3), "text/csv");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(r.body().split("\r?\n")).containsExactly("id,title,effort", "1,write tests,2.50", "2,ship it,", "3,review,10.00");
    }

    @Test
    void streamingFailureBeforeTheFirstRowKeepsItsStatus() {
        ApiClient.Response r = api.send("POST", "/api/cross-database/query", Map.of(
                "query", "SELECT x FROM pg_conn.slow", "connection_ids", List.of(pgId), "timeout_secs", 1), "application/x-ndjson");
        assertThat(r.status()).isEqualTo(504);
    }

    @Test
    void unsupportedAcceptIs406() {
        ApiClient.Response r = api.send("POST", "/api/query", Map.of("query", "SELECT 1"), "application/xml");
        assertThat(r.status()).isEqualTo(406);
    }

    @Test
    void queryEndpointNeedsNoConnectionList() throws Exception {
        ApiClient.Response r = api.post("/api/query", Map.of(
                "query", "SELECT u.username, COUNT(*) AS todos FROM mysql_conn.users u JOIN pg_conn.todos t ON u.id = t.user_id GROUP BY u.username ORDER BY 1"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(apiRows(r.json())).isEqualTo(referenceRows(
                "SELECT u.username, COUNT(*) AS todos FROM users u JOIN todos t ON u.id = t.user_id GROUP BY u.username ORDER BY 1"));
        assertThat(r.json().get("sub_queries")).hasSize(2);
        assertThat(api.post("/api/query", Map.of("query", "SELECT 1", "connection_ids", List.of(pgId))).json().get("field").asText())
                .isEqualTo("connection_ids");
    }

    @Test
    void explainShowsEachSourcesSql() {
        ApiClient.Response r = api.post("/api/explain", Map.of(
                "query", "SELECT u.username, t.title FROM mysql_conn.users u JOIN pg_conn.todos t ON u.id = t.user_id WHERE t.effort > 1"));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        // pg_conn is a plain scan or a bind join's scan, depending on the estimates
        assertThat(r.json().get("plan").asText()).contains("SourceScan[mysql_conn (mysql)]", "Scan[pg_conn (postgresql)");
        JsonNode subQueries = r.json().get("sub_queries");
        assertThat(subQueries).extracting(s -> s.get("connection_id").asText()).containsExactlyInAnyOrder(mysqlId, pgId);
        for (JsonNode s : subQueries) {
            assertThat(r.json().get("plan").asText()).contains(s.get("query").asText().lines().findFirst().orElseThrow());
            if (s.get("connection_id").asText().equals(pgId)) {
                assertThat(s.get("query").asText()).contains("WHERE").contains("\"effort\"");
            }
        }
        assertThat(api.post("/api/explain", Map.of("query", "SELECT nope FROM pg_conn.todos")).status()).isEqualTo(422);
        assertThat(api.post("/api/explain", Map.of()).json().get("field").asText()).isEqualTo("query");
    }
}
