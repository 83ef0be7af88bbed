package io.junction.federation;

import io.junction.connector.Connector;
import io.junction.connector.SourceDialect;
import io.junction.connector.SourceQuery;
import io.junction.connector.SourceType;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.vector.BatchStream;

import java.util.List;
import java.util.Optional;

/** A source with fixed metadata and a real dialect that never runs anything: for planning tests without a database. */
final class StubConnector implements Connector {
    private final String name;
    private final SourceType type;
    private final SourceDialect dialect;
    private final List<TableMetadata> tables;

    StubConnector(String name, SourceType type, SourceDialect dialect, List<TableMetadata> tables) {
        this.name = name;
        this.type = type;
        this.dialect = dialect;
        this.tables = tables;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceType type() {
        return type;
    }

    @Override
    public String defaultSchema() {
        return "main";
    }

    @Override
    public List<String> schemaNames() {
        return List.of("main");
    }

    @Override
    public List<TableInfo> tables(String schema) {
        return tables.stream().map(t -> new TableInfo(t.schema(), t.name(), t.kind())).toList();
    }

    @Override
    public Optional<TableMetadata> table(String schema, String table) {
        return tables.stream().filter(t -> t.schema().equals(schema) && t.name().equals(table)).findFirst();
    }

    @Override
    public Optional<SourceDialect> dialect() {
        return Optional.ofNullable(dialect);
    }

    @Override
    public BatchStream execute(SourceQuery query) {
        throw new AssertionError("a planning test must not execute anything: " + query);
    }

    @Override
    public void checkReachable() {
    }

    @Override
    public void close() {
    }
}
