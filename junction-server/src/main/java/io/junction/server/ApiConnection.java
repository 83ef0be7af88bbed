package io.junction.server;

import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection made over the API, as kept in memory (password in plain text) and, with the password
 * encrypted, in the store. Server types (postgresql, mysql) have host, port, database; file types
 * (sqlite, duckdb, csv) have a path.
 *
 * @param options further settings passed to the connector; {@code schema} (postgresql) sets the
 *                default schema of two-part names
 */
public record ApiConnection(String id, String name, SourceType type, String host, Integer port, String database,
                            String user, String password, String path, Map<String, Object> options,
                            Instant createdAt, Instant updatedAt) implements RegisteredConnection {
    static final String SCHEMA_OPTION = "schema";

    public ApiConnection {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    public boolean isServerType() {
        return type == SourceType.POSTGRESQL || type == SourceType.MYSQL;
    }

    public static int defaultPort(SourceType type) {
        return type == SourceType.POSTGRESQL ? 5432 : 3306;
    }

    /** The engine settings of this connection. */
    public SourceConfig toSourceConfig() {
        Map<String, Object> connectorOptions = new LinkedHashMap<>(options);
        Object schema = connectorOptions.remove(SCHEMA_OPTION);
        if (!isServerType()) {
            return new SourceConfig(name, type, null, null, null, path, connectorOptions);
        }
        String hostPort = host + ":" + (port == null ? defaultPort(type) : port);
        String url = type == SourceType.POSTGRESQL
                ? "jdbc:postgresql://" + hostPort + "/" + database + (schema == null ? "" : "?currentSchema=" + schema)
                : "jdbc:mariadb://" + hostPort + "/" + database;
        return new SourceConfig(name, type, url, user, password, null, connectorOptions);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("type", type.configName());
        out.put("host", host);
        out.put("port", isServerType() ? (port == null ? defaultPort(type) : port) : null);
        out.put("database", database);
        out.put("user", user);
        out.put("has_password", password != null);
        out.put("path", path);
        out.put("options", options);
        out.put("read_only", false);
        out.put("origin", "api");
        out.put("created_at", createdAt.toString());
        out.put("updated_at", updatedAt.toString());
        return out;
    }
}
