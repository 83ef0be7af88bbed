package io.junction.connector;

import java.util.Map;
import java.util.Objects;

/**
 * One source's settings, after environment-variable substitution.
 *
 * @param name     qualifier of the source in SQL
 * @param url      JDBC URL (postgresql, mysql); may be null for file-based sources
 * @param path     file or directory (sqlite, duckdb, csv); may be null for server sources
 * @param options  further type-specific settings (pool size, CSV column type overrides, …)
 */
public record SourceConfig(String name, SourceType type, String url, String user, String password, String path,
                           Map<String, Object> options) {
    public SourceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static SourceConfig of(String name, SourceType type, String url, String user, String password) {
        return new SourceConfig(name, type, url, user, password, null, Map.of());
    }

    public static SourceConfig ofPath(String name, SourceType type, String path) {
        return new SourceConfig(name, type, null, null, null, path, Map.of());
    }

    /** A copy with the password masked, for messages and listings. */
    @Override
    public String toString() {
        return "SourceConfig[name=" + name + ", type=" + type.configName() + ", url=" + url + ", user=" + user
                + ", password=" + (password == null ? "null" : "***") + ", path=" + path + ", options=" + options + "]";
    }
}
