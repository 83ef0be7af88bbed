package io.junction.connector;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real PostgreSQL and MariaDB servers the tests run against, and a private namespace in one of them
 * per test class: a schema {@code jt_<random>} in PostgreSQL, a database {@code jt_<random>} in MariaDB,
 * created before the class's tests and dropped after them.
 *
 * <p>Addresses come from JUNCTION_PG_URL / _USER / _PASSWORD and JUNCTION_MYSQL_URL / _USER / _PASSWORD,
 * defaulting to the servers of a developer machine. Use as
 * {@code @RegisterExtension static final TestDatabases pg = TestDatabases.postgres();}.
 */
public final class TestDatabases implements BeforeAllCallback, AfterAllCallback {
    private static final Pattern MYSQL_URL = Pattern.compile("^(jdbc:(?:mariadb|mysql)://[^/?]+)(?:/([^?]*))?(\\?.*)?$");

    public static String pgUrl() {
        return env("JUNCTION_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    public static String pgUser() {
        return env("JUNCTION_PG_USER", "postgres");
    }

    public static String pgPassword() {
        return env("JUNCTION_PG_PASSWORD", "");
    }

    public static String mysqlUrl() {
        return env("JUNCTION_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    }

    public static String mysqlUser() {
        return env("JUNCTION_MYSQL_USER", "root");
    }

    public static String mysqlPassword() {
        return env("JUNCTION_MYSQL_PASSWORD", "");
    }

    public static TestDatabases postgres() {
        return new TestDatabases(SourceType.POSTGRESQL);
    }

    public static TestDatabases mariadb() {
        return new TestDatabases(SourceType.MYSQL);
    }

    private final SourceType type;
    private final String schema = "jt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

    private TestDatabases(SourceType type) {
        this.type = type;
    }

    /** The schema (PostgreSQL) or database (MariaDB) private to this test class. */
    public String schema() {
        return schema;
    }

    /** Settings of a source whose default schema is this class's namespace. */
    public SourceConfig config(String sourceName) {
        return config(sourceName, Map.of());
    }

    public SourceConfig config(String sourceName, Map<String, Object> options) {
        return new SourceConfig(sourceName, type, url(), user(), password(), null, new HashMap<>(options));
    }

    /** JDBC URL whose default schema/database is this class's namespace. */
    public String url() {
        if (type == SourceType.POSTGRESQL) {
            return pgUrl() + (pgUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        Matcher m = MYSQL_URL.matcher(mysqlUrl());
        if (!m.matches()) {
            throw new IllegalStateException("JUNCTION_MYSQL_URL must look like jdbc:mariadb://host:port/database, got " + mysqlUrl());
        }
        return m.group(1) + "/" + schema + (m.group(3) == null ? "" : m.group(3));
    }

    public String user() {
        return type == SourceType.POSTGRESQL ? pgUser() : mysqlUser();
    }

    public String password() {
        return type == SourceType.POSTGRESQL ? pgPassword() : mysqlPassword();
    }

    /** A plain JDBC connection into this class's namespace, for setting up data. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), emptyToNull(password()));
    }

    /** Runs setup statements in this class's namespace. */
    public void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("setup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        adminExecute(type == SourceType.POSTGRESQL ? "CREATE SCHEMA " + schema
                : "CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        adminExecute(type == SourceType.POSTGRESQL ? "DROP SCHEMA IF EXISTS " + schema + " CASCADE" : "DROP DATABASE IF EXISTS " + schema);
    }

    private void adminExecute(String sql) throws SQLException {
        String adminUrl = type == SourceType.POSTGRESQL ? pgUrl() : mysqlUrl();
        try (Connection c = DriverManager.getConnection(adminUrl, user(), emptyToNull(password())); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
