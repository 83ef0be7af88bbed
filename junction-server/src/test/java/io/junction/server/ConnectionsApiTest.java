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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The /api/connections endpoints over real HTTP, against real PostgreSQL and MariaDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionsApiTest {
    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases maria = TestDatabases.mariadb();

    @TempDir
    static Path dir;
    private JunctionServer server;
    private ApiClient api;
    private Path sqliteFile;

    @BeforeAll
    void start() throws Exception {
        pg.execute("CREATE TABLE todos (id INT PRIMARY KEY, user_id INT NOT NULL, title TEXT)",
                "INSERT INTO todos VALUES (1, 1, 'write tests'), (2, 2, 'ship')", "ANALYZE todos");
        maria.execute("CREATE TABLE users (id INT PRIMARY KEY, username VARCHAR(40) NULL)");
        sqliteFile = dir.resolve("catalog.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile); var s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
        }
        Path catalog = dir.resolve("junction.yaml");
        Files.writeString(catalog, "sources:\n  local: { type: sqlite, path: \"" + sqliteFile + "\" }\n");
        server = TestConnections.start(dir.resolve("data"), null, catalog);
        api = new ApiClient(server.port(), null);
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private JsonNode create(Map<String, Object> body) {
        ApiClient.Response r = api.post("/api/connections", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Test
    void createdConnectionIsListedAndReadableWithoutItsPassword() throws Exception {
        Map<String, Object> body = new HashMap<>(TestConnections.postgres("pg_secret", pg));
        body.put("password", "never-echo-this-1");

        ApiClient.Response created = api.post("/api/connections", body);

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/connections/" + id);
        assertThat(created.json().get("name").asText()).isEqualTo("pg_secret");
        assertThat(created.json().get("type").asText()).isEqualTo("postgresql");
        assertThat(created.json().get("has_password").asBoolean()).isTrue();
        assertThat(created.json().get("read_only").asBoolean()).isFalse();
        assertThat(created.body()).doesNotContain("never-echo-this-1").doesNotContain("\"password\"");

        ApiClient.Response list = api.get("/api/connections");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).anySatisfy(c -> assertThat(c.get("id").asText()).isEqualTo(id));
        assertThat(list.body()).doesNotContain("never-echo-this-1");
        assertThat(api.get("/api/connections/" + id).json().get("name").asText()).isEqualTo("pg_secret");
        assertThat(api.get("/api/connections/pg_secret").json().get("id").asText()).isEqualTo(id);
        // stored encrypted, not in clear text
        String stored = Files.readString(dir.resolve("data").resolve(ConnectionStore.FILE));
        assertThat(stored).contains(id).doesNotContain("never-echo-this-1");
        assertThat(api.delete("/api/connections/" + id).status()).isEqualTo(204);
    }

    static Stream<Arguments> invalidConnections() {
        return Stream.of(
                Arguments.of(Map.of("type", "postgresql", "host", "h", "database", "d"), "name"),
                Arguments.of(Map.of("name", "", "type", "postgresql", "host", "h", "database", "d"), "name"),
                Arguments.of(Map.of("name", "1abc", "type", "postgresql", "host", "h", "database", "d"), "name"),
                Arguments.of(Map.of("name", "has-dash", "type", "postgresql", "host", "h", "database", "d"), "name"),
                Arguments.of(Map.of("name", 12, "type", "postgresql", "host", "h", "database", "d"), "name"),
                Arguments.of(Map.of("name", "n", "host", "h", "database", "d"), "type"),
                Arguments.of(Map.of("name", "n", "type", "oracle", "host", "h", "database", "d"), "type"),
                Arguments.of(Map.of("name", "n", "type", "postgresql", "database", "d"), "host"),
                Arguments.of(Map.of("name", "n", "type", "postgresql", "host", "bad host!", "database", "d"), "host"),
                Arguments.of(Map.of("name", "n", "type", "mysql", "host", "h"), "database"),
                Arguments.of(Map.of("name", "n", "type", "mysql", "host", "h", "database", "a/b"), "database"),
                Arguments.of(Map.of("name", "n", "type", "mysql", "host", "h", "database", "d", "port", 0), "port"),
                Arguments.of(Map.of("name", "n", "type", "mysql", "host", "h", "database", "d", "port", 70000), "port"),
                Arguments.of(Map.of("name", "n", "type", "mysql", "host", "h", "database", "d", "port", "3306"), "port"),
                Arguments.of(Map.of("name", "n", "type", "mysql", "host", "h", "database", "d", "user", 5), "user"),
                Arguments.of(Map.of("name", "n", "type", "postgresql", "host", "h", "database", "d", "path", "/x"), "path"),
                Arguments.of(Map.of("name", "n", "type", "sqlite"), "path"),
                Arguments.of(Map.of("name", "n", "type", "sqlite", "path", "/x.db", "host", "h"), "host"),
                Arguments.of(Map.of("name", "n", "type", "csv", "path", "/x", "port", 1), "port"),
                Arguments.of(Map.of("name", "n", "type", "duckdb", "path", "/x", "password", "p"), "password"),
                Arguments.of(Map.of("name", "n", "type", "sqlite", "path", "/x.db", "options", "fast"), "options"),
                Arguments.of(Map.of("name", "n", "type", "sqlite", "path", "/x.db", "options", Map.of("a", List.of(1))), "options"),
                Arguments.of(Map.of("name", "n", "type", "sqlite", "path", "/x.db", "options", Map.of("pool_size", "many")), "options"),
                Arguments.of(Map.of("name", "n", "type", "mysql", "host", "h", "database", "d", "options", Map.of("schema", "s")), "options"),
                Arguments.of(Map.of("name", "n", "type", "sqlite", "path", "/x.db", "colour", "red"), "colour"));
    }

    @ParameterizedTest
    @MethodSource("invalidConnections")
    void invalidConnectionIsRefusedNamingTheField(Map<String, Object> body, String field) {
        ApiClient.Response r = api.post("/api/connections", body);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("validation_failed");
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.json().get("message").asText()).isNotBlank();
        assertThat(api.get("/api/connections").json()).noneSatisfy(c -> assertThat(c.get("name").asText()).isEqualTo("n"));
    }

    @Test
    void bodyThatIsNotAnObjectOrNotJsonIsRefused() {
        ApiClient.Response notJson = api.post("/api/connections", "{\"name\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asText()).isEqualTo("invalid_json");

        ApiClient.Response array = api.post("/api/connections", "[1, 2]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().get("error").asText()).isEqualTo("validation_failed");

        assertThat(api.post("/api/connections", null).status()).isEqualTo(400);
    }

    @Test
    void namesAreUniqueAmongAllConnections() {
        JsonNode first = create(TestConnections.mariadb("shop_unique", maria));

        ApiClient.Response again = api.post("/api/connections", TestConnections.mariadb("SHOP_UNIQUE", maria));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("field").asText()).isEqualTo("name");

        ApiClient.Response catalogName = api.post("/api/connections", TestConnections.mariadb("local", maria));
        assertThat(catalogName.status()).isEqualTo(409);
        api.delete("/api/connections/" + first.get("id").asText());
    }

    @Test
    void patchChangesSettingsAndKeepsOrClearsThePassword() {
        Map<String, Object> body = new HashMap<>(TestConnections.mariadb("shop_patch", maria));
        body.put("password", "pw-1");
        String id = create(body).get("id").asText();

        ApiClient.Response renamed = api.patch("/api/connections/" + id, Map.of("name", "shop_renamed", "options", Map.of("pool_size", 2)));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("shop_renamed");
        assertThat(renamed.json().get("options").get("pool_size").asInt()).isEqualTo(2);
        assertThat(renamed.json().get("has_password").asBoolean()).isTrue();
        assertThat(renamed.json().get("id").asText()).isEqualTo(id);
        assertThat(api.get("/api/connections/shop_patch").status()).isEqualTo(404);

        ApiClient.Response invalid = api.patch("/api/connections/" + id, Map.of("port", -1));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("field").asText()).isEqualTo("port");
        ApiClient.Response nullName = api.patch("/api/connections/" + id, "{\"name\": null}");
        assertThat(nullName.status()).isEqualTo(400);
        assertThat(nullName.json().get("field").asText()).isEqualTo("name");

        ApiClient.Response cleared = api.patch("/api/connections/" + id, "{\"password\": null}");
        assertThat(cleared.json().get("has_password").asBoolean()).isFalse();
        assertThat(api.patch("/api/connections/" + UUID.randomUUID(), Map.of("name", "x")).status()).isEqualTo(404);
        api.delete("/api/connections/" + id);
    }

    @Test
    void deletedConnectionIsGoneFromTheApiAndFromSql() {
        String id = create(TestConnections.postgres("pg_doomed", pg)).get("id").asText();
        assertThat(api.post("/api/query", Map.of("query", "SELECT COUNT(*) AS n FROM pg_doomed.todos")).status()).isEqualTo(200);

        assertThat(api.delete("/api/connections/" + id).status()).isEqualTo(204);

        assertThat(api.get("/api/connections/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/connections/" + id).status()).isEqualTo(404);
        ApiClient.Response query = api.post("/api/query", Map.of("query", "SELECT COUNT(*) FROM pg_doomed.todos"));
        assertThat(query.status()).isEqualTo(422);
    }

    @Test
    void unknownConnectionIs404() {
        ApiClient.Response r = api.get("/api/connections/" + UUID.randomUUID());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not_found");
        assertThat(api.post("/api/connections/nope/test", null).status()).isEqualTo(404);
        assertThat(api.get("/api/connections/nope/metadata").status()).isEqualTo(404);
    }

    @Test
    void catalogConnectionsAreListedReadOnly() {
        JsonNode local = null;
        for (JsonNode c : api.get("/api/connections").json()) {
            if (c.get("name").asText().equals("local")) {
                local = c;
            }
        }
        assertThat(local).isNotNull();
        assertThat(local.get("read_only").asBoolean()).isTrue();
        assertThat(local.get("origin").asText()).isEqualTo("catalog");
        assertThat(local.get("type").asText()).isEqualTo("sqlite");
        String id = local.get("id").asText();

        assertThat(api.patch("/api/connections/" + id, Map.of("name", "other")).status()).isEqualTo(409);
        assertThat(api.delete("/api/connections/" + id).json().get("error").asText()).isEqualTo("read_only");
        assertThat(api.get("/api/connections/" + id + "/metadata").json().get("schemas").get(0).get("tables").get(0).get("name").asText())
                .isEqualTo("notes");
    }

    @Test
    void testReportsReachabilityVersionAndLatency() {
        String pgId = create(TestConnections.postgres("pg_ping", pg)).get("id").asText();
        Map<String, Object> down = new HashMap<>(TestConnections.postgres("pg_down", pg));
        down.put("port", 1);
        String downId = create(down).get("id").asText();

        ApiClient.Response ok = api.post("/api/connections/" + pgId + "/test", null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("reachable").asBoolean()).isTrue();
        assertThat(ok.json().get("server_version").asText()).startsWith("PostgreSQL ");
        assertThat(ok.json().get("latency_ms").asLong()).isGreaterThanOrEqualTo(0);

        ApiClient.Response failed = api.post("/api/connections/" + downId + "/test", null);
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().get("reachable").asBoolean()).isFalse();
        assertThat(failed.json().get("error").asText()).isEqualTo("source_unreachable");
        assertThat(failed.json().get("message").asText()).contains("pg_down");
        api.delete("/api/connections/" + pgId);
        api.delete("/api/connections/" + downId);
    }

    @Test
    void metadataListsSchemasTablesColumnsKeysAndEstimates() {
        String pgId = create(TestConnections.postgres("pg_meta", pg)).get("id").asText();
        String myId = create(TestConnections.mariadb("my_meta", maria)).get("id").asText();

        JsonNode meta = api.get("/api/connections/" + pgId + "/metadata").json();
        assertThat(meta.get("default_schema").asText()).isEqualTo(pg.schema());
        JsonNode todos = table(meta, pg.schema(), "todos");
        assertThat(todos.get("kind").asText()).isEqualTo("table");
        assertThat(todos.get("primary_key")).extracting(JsonNode::asText).containsExactly("id");
        assertThat(todos.get("row_estimate").asLong()).isEqualTo(2);
        assertThat(todos.get("columns")).extracting(c -> c.get("name").asText()).containsExactly("id", "user_id", "title");
        assertThat(todos.get("columns").get(0).get("type").asText()).isEqualTo("INTEGER");
        assertThat(todos.get("columns").get(0).get("primary_key").asBoolean()).isTrue();
        assertThat(todos.get("columns").get(1).get("nullable").asBoolean()).isFalse();
        assertThat(todos.get("columns").get(2).get("nullable").asBoolean()).isTrue();
        assertThat(todos.get("columns").get(2).get("source_type").asText()).isEqualTo("text");

        JsonNode users = table(api.get("/api/connections/my_meta/metadata").json(), maria.schema(), "users");
        assertThat(users.get("columns").get(1).get("type").asText()).isEqualTo("VARCHAR(40)");
        assertThat(users.get("primary_key")).extracting(JsonNode::asText).containsExactly("id");
        api.delete("/api/connections/" + pgId);
        api.delete("/api/connections/" + myId);
    }

    private static JsonNode table(JsonNode metadata, String schema, String table) {
        for (JsonNode s : metadata.get("schemas")) {
            if (s.get("name").asText().equals(schema)) {
                for (JsonNode t : s.get("tables")) {
                    if (t.get("name").asText().equals(table)) {
                        return t;
                    }
                }
            }
        }
        throw new AssertionError("no table " + schema + "." + table + " in " + metadata);
    }

    @Test
    void connectionsSurviveARestartAndTheirPasswordStillWorks(@TempDir Path dataDir) throws Exception {
        String user = "jt_srv_" + maria.schema().substring(3);
        String password = "restart-pw-" + UUID.randomUUID();
        maria.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
                "CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'",
                "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'",
                "GRANT SELECT ON " + maria.schema() + ".* TO '" + user + "'@'%'",
                "GRANT SELECT ON " + maria.schema() + ".* TO '" + user + "'@'127.0.0.1'",
                "GRANT SELECT ON " + maria.schema() + ".* TO '" + user + "'@'localhost'",
                "INSERT INTO users VALUES (7, 'restarted')");
        try {
            String id;
            try (JunctionServer first = TestConnections.start(dataDir, null, null)) {
                ApiClient firstApi = new ApiClient(first.port(), null);
                ApiClient.Response created = firstApi.post("/api/connections", TestConnections.mariadb("shop_persist", maria, user, password));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                id = created.json().get("id").asText();
                assertThat(firstApi.post("/api/query", Map.of("query", "SELECT username FROM shop_persist.users WHERE id = 7")).json()
                        .get("results").get(0).get("username").asText()).isEqualTo("restarted");
            }
            Path keyFile = dataDir.resolve(SecretCipher.KEY_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(ConnectionStore.FILE)))).isEqualTo("rw-------");
            assertThat(Files.readString(dataDir.resolve(ConnectionStore.FILE))).doesNotContain(password);

            try (JunctionServer second = TestConnections.start(dataDir, null, null)) {
                ApiClient secondApi = new ApiClient(second.port(), null);
                ApiClient.Response listed = secondApi.get("/api/connections/" + id);
                assertThat(listed.status()).isEqualTo(200);
                assertThat(listed.json().get("name").asText()).isEqualTo("shop_persist");
                assertThat(listed.json().get("user").asText()).isEqualTo(user);
                assertThat(listed.json().get("has_password").asBoolean()).isTrue();
                assertThat(secondApi.get("/api/connections").body()).doesNotContain(password);
                ApiClient.Response query = secondApi.post("/api/cross-database/query", Map.of(
                        "query", "SELECT username FROM \"" + id + "\".users WHERE id = 7", "connection_ids", List.of(id)));
                assertThat(query.status()).as(query.toString()).isEqualTo(200);
                assertThat(query.json().get("results").get(0).get("username").asText()).isEqualTo("restarted");
            }
        } finally {
            maria.execute("DROP USER '" + user + "'@'%'", "DROP USER '" + user + "'@'127.0.0.1'", "DROP USER '" + user + "'@'localhost'");
        }
    }
}
