package io.junction.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bearer-token authentication: with a token every endpoint but /health needs it; without one none does. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationTest {
    private static final String TOKEN = "test-token-0123456789";
    @TempDir
    static Path dir;
    private JunctionServer secured;
    private JunctionServer open;

    @BeforeAll
    void start() {
        secured = TestConnections.start(dir.resolve("secured"), TOKEN, null);
        open = TestConnections.start(dir.resolve("open"), null, null);
    }

    @AfterAll
    void stop() {
        secured.stop();
        open.stop();
    }

    @Test
    void healthNeedsNoToken() {
        ApiClient.Response r = new ApiClient(secured.port(), null).get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void everyOtherEndpointNeedsTheToken() {
        ApiClient anonymous = new ApiClient(secured.port(), null);
        ApiClient wrong = new ApiClient(secured.port(), "not-the-token");
        for (String route : secured.routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replace("{id}", "some_connection");
            if (path.equals("/health")) {
                continue;
            }
            for (ApiClient client : List.of(anonymous, wrong)) {
                ApiClient.Response r = client.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : Map.of("query", "SELECT 1"), null);
                assertThat(r.status()).as(route).isEqualTo(401);
                assertThat(r.json().get("error").asText()).isEqualTo("unauthorized");
                assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            }
        }
    }

    @Test
    void rightTokenIsLetThrough() {
        ApiClient client = new ApiClient(secured.port(), TOKEN);
        assertThat(client.get("/api/connections").status()).isEqualTo(200);
        ApiClient.Response query = client.post("/api/query", Map.of("query", "SELECT 1 + 1 AS two"));
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.json().get("results").get(0).get("two").asInt()).isEqualTo(2);
        assertThat(client.get("/api/connections/nope").status()).isEqualTo(404);
    }

    @Test
    void withoutATokenNothingIsRequired() {
        ApiClient client = new ApiClient(open.port(), null);
        assertThat(client.get("/api/connections").status()).isEqualTo(200);
        assertThat(client.get("/api/openapi.json").status()).isEqualTo(200);
        assertThat(client.post("/api/query", Map.of("query", "SELECT 1 AS a")).status()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndMethodsAnswerJson() {
        ApiClient client = new ApiClient(open.port(), null);
        ApiClient.Response missing = client.get("/api/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("not_found");
        ApiClient.Response wrongMethod = client.send("PUT", "/api/connections", Map.of(), null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void loopbackAddressesAreRecognised() {
        assertThat(JunctionServer.isLoopback("127.0.0.1")).isTrue();
        assertThat(JunctionServer.isLoopback("localhost")).isTrue();
        assertThat(JunctionServer.isLoopback("::1")).isTrue();
        assertThat(JunctionServer.isLoopback("0.0.0.0")).isFalse();
    }
}
