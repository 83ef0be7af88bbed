package io.junction.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/openapi.json describes exactly the routes the server registers. */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

    @Test
    void documentListsExactlyTheRegisteredRoutes(@TempDir Path dir) {
        try (JunctionServer server = TestConnections.start(dir, null, null)) {
            ApiClient.Response r = new ApiClient(server.port(), null).get("/api/openapi.json");
            assertThat(r.status()).isEqualTo(200);
            JsonNode doc = r.json();
            assertThat(doc.get("openapi").asText()).startsWith("3.");

            Set<String> documented = new TreeSet<>();
            for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
                String path = paths.next();
                for (Iterator<String> keys = doc.get("paths").get(path).fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (METHODS.contains(key)) {
                        documented.add(key.toUpperCase(Locale.ROOT) + " " + path);
                        assertThat(doc.get("paths").get(path).get(key).get("responses")).as(key + " " + path).isNotEmpty();
                    }
                }
            }
            assertThat(documented).isEqualTo(new TreeSet<>(server.routes()));
        }
    }

    @Test
    void everySchemaReferenceResolves(@TempDir Path dir) {
        try (JunctionServer server = TestConnections.start(dir, null, null)) {
            JsonNode doc = new ApiClient(server.port(), null).get("/api/openapi.json").json();
            checkReferences(doc, doc);
        }
    }

    private static void checkReferences(JsonNode node, JsonNode doc) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                assertThat(doc.at(ref.asText().substring(1)).isMissingNode()).as(ref.asText()).isFalse();
            }
            node.elements().forEachRemaining(child -> checkReferences(child, doc));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> checkReferences(child, doc));
        }
    }
}
