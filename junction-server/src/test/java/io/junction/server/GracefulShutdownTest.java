package io.junction.server;

import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping the server cancels running queries in their sources and answers their requests. */
class GracefulShutdownTest {
    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();

    @Test
    void stopCancelsRunningQueries(@TempDir Path dir) throws Exception {
        pg.execute("CREATE VIEW sleepy AS SELECT 1 AS x FROM pg_sleep(30)");
        JunctionServer server = TestConnections.start(dir, null, null);
        ApiClient api = new ApiClient(server.port(), null);
        assertThat(api.post("/api/connections", TestConnections.postgres("pg_conn", pg)).status()).isEqualTo(201);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/cross-database/query"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(Map.of(
                        "query", "SELECT x FROM pg_conn.sleepy", "connection_ids", List.of("pg_conn"), "timeout_secs", 60))))
                .build();
        CompletableFuture<HttpResponse<String>> pending = api.http().sendAsync(request, HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // the query counts as running before its statement reaches PostgreSQL (it is described, then copied out)
        while ((api.get("/health").json().get("running_queries").asInt() == 0 || activeSleeps() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(activeSleeps()).isEqualTo(1);

        long start = System.nanoTime();
        server.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        HttpResponse<String> answered = pending.get(5, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(503);
        assertThat(ApiClient.JSON.readTree(answered.body()).get("error").asText()).isEqualTo("query_cancelled");
        long gone = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (activeSleeps() > 0 && System.nanoTime() < gone) {
            Thread.sleep(50);
        }
        assertThat(activeSleeps()).isZero();
    }

    private static int activeSleeps() throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%sleepy%' "
                     + "AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
