package io.junction.server;

import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source from the YAML catalog shown as a read-only connection. Its id is derived from its name, so it
 * stays the same across restarts. The JDBC URL itself is not shown (it may carry credentials); host, port
 * and database are read from it.
 */
public record CatalogConnection(String id, SourceConfig config) implements RegisteredConnection {
    private static final Pattern SERVER_URL = Pattern.compile("^jdbc:[a-z]+://([^/:?]+|\\[[^]]+])(?::(\\d+))?(?:/([^?;]*))?.*$");

    public static CatalogConnection of(SourceConfig config) {
        UUID id = UUID.nameUUIDFromBytes(("junction-catalog:" + config.name()).getBytes(StandardCharsets.UTF_8));
        return new CatalogConnection(id.toString(), config);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public SourceType type() {
        return config.type();
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", config.name());
        out.put("type", config.type().configName());
        String host = null;
        Integer port = null;
        String database = null;
        if (config.url() != null) {
            Matcher m = SERVER_URL.matcher(config.url());
            if (m.matches()) {
                host = m.group(1);
                port = m.group(2) == null ? null : Integer.valueOf(m.group(2));
                database = m.group(3);
            }
        }
        out.put("host", host);
        out.put("port", port);
        out.put("database", database);
        out.put("user", config.user());
        out.put("has_password", config.password() != null && !config.password().isEmpty());
        out.put("path", config.path());
        out.put("options", config.options());
        out.put("read_only", true);
        out.put("origin", "catalog");
        out.put("created_at", null);
        out.put("updated_at", null);
        return out;
    }
}
