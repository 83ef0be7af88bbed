package io.junction.slt;

import io.junction.EngineSettings;
import io.junction.Junction;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.connector.TestDatabases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The four real sources an {@code .slt} file can set tables up in, each empty at the start of a run:
 * {@code pg} (a PostgreSQL schema), {@code maria} (a MariaDB database), {@code lite} (a SQLite file) and
 * {@code duck} (a DuckDB file). {@link #reset()} empties them; {@link #junction(boolean)} opens a Junction
 * over all four. Metadata is never cached, so tables created between queries are seen at once.
 */
final class SltSources implements AutoCloseable {
    static final List<String> NAMES = List.of("pg", "maria", "lite", "duck");

    private final TestDatabases pg;
    private final TestDatabases maria;
    private final Path dir;
    private Path sqliteFile;
    private Path duckdbFile;
    private int generation;

    SltSources(TestDatabases pg, TestDatabases maria) throws IOException {
        this.pg = pg;
        this.maria = maria;
        this.dir = Files.createTempDirectory("junction-slt");
    }

    /** Drops everything the previous run created and starts with empty sources. */
    void reset() throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(TestDatabases.pgUrl(), TestDatabases.pgUser(), emptyToNull(TestDatabases.pgPassword()));
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + pg.schema() + " CASCADE");
            s.execute("CREATE SCHEMA " + pg.schema());
        }
        try (Connection c = DriverManager.getConnection(TestDatabases.mysqlUrl(), TestDatabases.mysqlUser(), emptyToNull(TestDatabases.mysqlPassword()));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + maria.schema());
            s.execute("CREATE DATABASE " + maria.schema() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        deleteFiles();
        generation++;
        sqliteFile = dir.resolve("lite" + generation + ".db");
        duckdbFile = dir.resolve("duck" + generation + ".duckdb");
    }

    Junction junction(boolean pushdown) {
        Map<String, Object> fresh = Map.of("metadata_cache_seconds", 0, "create", true);
        return Junction.builder()
                .source(pg.config("pg", fresh))
                .source(maria.config("maria", fresh))
                .source(new SourceConfig("lite", SourceType.SQLITE, null, null, null, sqliteFile.toString(), fresh))
                .source(new SourceConfig("duck", SourceType.DUCKDB, null, null, null, duckdbFile.toString(), fresh))
                .settings(EngineSettings.defaults().withPushdown(pushdown))
                .build();
    }

    /**
     * Runs {@code sql} directly in the source named {@code source}. Several statements may be given, each
     * ending with {@code ;} at the end of a line.
     */
    void execute(String source, String sql) throws SQLException {
        try (Connection c = connect(source); Statement s = c.createStatement()) {
            for (String statement : split(sql)) {
                s.execute(statement);
            }
        }
    }

    Connection connect(String source) throws SQLException {
        return switch (source) {
            case "pg" -> pg.connect();
            case "maria" -> maria.connect();
            case "lite" -> DriverManager.getConnection("jdbc:sqlite:" + sqliteFile);
            case "duck" -> {
                // The same settings as the connector's, so that DuckDB lets both share the open database.
                Properties properties = new Properties();
                properties.setProperty("jdbc_stream_results", "true");
                yield DriverManager.getConnection("jdbc:duckdb:" + duckdbFile, properties);
            }
            default -> throw new IllegalArgumentException("unknown source '" + source + "'; the sources are " + NAMES);
        };
    }

    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                statements.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private void deleteFiles() throws IOException {
        for (Path p : new Path[]{sqliteFile, duckdbFile}) {
            if (p != null) {
                Files.deleteIfExists(p);
                Files.deleteIfExists(Path.of(p + ".wal"));
            }
        }
    }

    @Override
    public void close() throws IOException {
        deleteFiles();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
