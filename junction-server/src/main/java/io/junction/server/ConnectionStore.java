package io.junction.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.connector.SourceType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the API's connections in {@code connections.json} in the data directory, passwords encrypted
 * with {@link SecretCipher} (bound to the connection's id). Every save writes a new owner-only file and
 * moves it over the old one, so a crash leaves either the old or the new list, never half of one.
 * Not thread-safe: the registry serializes calls.
 */
public final class ConnectionStore {
    static final String FILE = "connections.json";
    private static final int FORMAT_VERSION = 1;

    private final Path file;
    private final SecretCipher cipher;
    private final ObjectMapper json = new ObjectMapper();

    public ConnectionStore(Path dataDir, SecretCipher cipher) {
        this.file = dataDir.resolve(FILE);
        this.cipher = cipher;
    }

    public Path file() {
        return file;
    }

    /** The stored connections; none when the file does not exist yet. */
    public List<ApiConnection> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the connection store " + file + ": " + e.getMessage(), e);
        }
        List<ApiConnection> out = new ArrayList<>();
        for (JsonNode c : root.path("connections")) {
            String id = c.path("id").asText();
            String password = null;
            if (c.hasNonNull("password_encrypted")) {
                try {
                    password = cipher.decrypt(c.get("password_encrypted").asText(), id);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("cannot decrypt the password of stored connection '" + c.path("name").asText()
                            + "' in " + file + ": " + e.getMessage() + "; start with the key it was stored with ("
                            + ServerSettings.SECRET_KEY_ENV + " or " + SecretCipher.KEY_FILE + ")", e);
                }
            }
            Map<String, Object> options = new LinkedHashMap<>();
            c.path("options").properties().forEach(e -> options.put(e.getKey(), scalar(e.getValue())));
            out.add(new ApiConnection(id, c.path("name").asText(), SourceType.fromConfigName(c.path("type").asText()),
                    text(c, "host"), c.hasNonNull("port") ? c.get("port").asInt() : null, text(c, "database"),
                    text(c, "user"), password, text(c, "path"), options,
                    Instant.parse(c.path("created_at").asText()), Instant.parse(c.path("updated_at").asText())));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Object scalar(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        return v.asText();
    }

    /** Replaces the stored list by {@code connections}. */
    public void save(List<ApiConnection> connections) {
        ObjectNode root = json.createObjectNode();
        root.put("version", FORMAT_VERSION);
        ArrayNode list = root.putArray("connections");
        for (ApiConnection c : connections) {
            ObjectNode n = list.addObject();
            n.put("id", c.id());
            n.put("name", c.name());
            n.put("type", c.type().configName());
            n.put("host", c.host());
            if (c.port() == null) {
                n.putNull("port");
            } else {
                n.put("port", c.port());
            }
            n.put("database", c.database());
            n.put("user", c.user());
            n.put("password_encrypted", c.password() == null ? null : cipher.encrypt(c.password(), c.id()));
            n.put("path", c.path());
            n.set("options", json.valueToTree(c.options()));
            n.put("created_at", c.createdAt().toString());
            n.put("updated_at", c.updatedAt().toString());
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(temp);
            SecretCipher.createOwnerOnly(temp);
            json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the connection store " + file + ": " + e.getMessage(), e);
        }
    }
}
