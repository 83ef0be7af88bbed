package io.junction.server;

import io.junction.connector.TestDatabases;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies for connections to the test databases, and servers on free ports for tests. */
final class TestConnections {
    private TestConnections() {
    }

    /** A PostgreSQL connection whose default schema is the test class's private schema. */
    static Map<String, Object> postgres(String name, TestDatabases pg) {
        URI uri = URI.create(TestDatabases.pgUrl().substring("jdbc:".length()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "postgresql");
        body.put("host", uri.getHost());
        body.put("port", uri.getPort() < 0 ? 5432 : uri.getPort());
        body.put("database", uri.getPath().substring(1));
        body.put("user", pg.user());
        if (!pg.password().isEmpty()) {
            body.put("password", pg.password());
        }
        body.put("options", Map.of("schema", pg.schema()));
        return body;
    }

    /** A MariaDB connection to the test class's private database. */
    static Map<String, Object> mariadb(String name, TestDatabases maria, String user, String password) {
        URI uri = URI.create(TestDatabases.mysqlUrl().substring("jdbc:".length()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "mysql");
        body.put("host", uri.getHost());
        body.put("port", uri.getPort() < 0 ? 3306 : uri.getPort());
        body.put("database", maria.schema());
        body.put("user", user);
        if (password != null && !password.isEmpty()) {
            body.put("password", password);
        }
        return body;
    }

    static Map<String, Object> mariadb(String name, TestDatabases maria) {
        return mariadb(name, maria, maria.user(), maria.password());
    }

    /** A server on a free loopback port keeping its data in {@code dataDir}. */
    static JunctionServer start(Path dataDir, String token, Path catalogFile) {
        return JunctionServer.start(new ServerSettings("127.0.0.1", 0, token, dataDir, catalogFile, null));
    }
}
