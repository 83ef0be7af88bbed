package io.junction;

import io.junction.catalog.Catalog;
import io.junction.catalog.CatalogConfig;
import io.junction.sql.CalciteDefaults;
import io.junction.connector.Connector;
import io.junction.connector.SourceConfig;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The embedded entry point: a catalog of sources and the engine that queries across them.
 *
 * <pre>
 * try (Junction j = Junction.open(Path.of("junction.yaml"));
 *      QueryResult r = j.query("SELECT ... FROM pg.public.orders o JOIN shop.customers c ON ...")) {
 *     for (Row row : r) { ... }
 * }
 * </pre>
 * A Junction is thread-safe: queries may run concurrently.
 */
public final class Junction implements AutoCloseable {
    static {
        CalciteDefaults.apply();
    }

    public static final String DEFAULT_CONFIG_FILE = "junction.yaml";

    private final Catalog catalog;
    private final QueryEngine engine;

    private Junction(Catalog catalog, EngineSettings settings) {
        this.catalog = catalog;
        this.engine = new QueryEngine(catalog, settings);
    }

    /** Opens the catalog in {@code configFile}. */
    public static Junction open(Path configFile) {
        return builder().config(configFile).build();
    }

    /** Opens {@code junction.yaml} in the working directory. */
    public static Junction openDefault() {
        Path p = Path.of(DEFAULT_CONFIG_FILE);
        if (!Files.exists(p)) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "no " + DEFAULT_CONFIG_FILE
                    + " in the working directory; pass --config FILE or create one (see README)");
        }
        return open(p);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs a query; the result streams as it is read and must be closed. */
    public QueryResult query(String sql) {
        return engine.query(sql, null);
    }

    /**
     * Runs a query that is stopped with QUERY_TIMEOUT (57P05), its source statements cancelled, when it
     * is still running after {@code timeout}, counted from now until the result is closed.
     */
    public QueryResult query(String sql, java.time.Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return engine.query(sql, timeout);
    }

    /** The plan of a query as text: operators, and the exact SQL each source will receive. */
    public String explain(String sql) {
        return engine.explain(sql).text();
    }

    /** The plan of a query with, separately, every statement it sends to a source; runs nothing. */
    public QueryPlan plan(String sql) {
        return engine.explain(sql);
    }

    /** Runs the query and returns its plan with actual rows and times per operator and per source statement. */
    public String explainAnalyze(String sql) {
        return engine.explainAnalyze(sql, null);
    }

    /**
     * Adds a source while the engine runs; queries started from now on can name it.
     * Fails with CONFIG_ERROR when the name is taken. Thread-safe, like the other catalog changes.
     */
    public void addSource(SourceConfig source) {
        catalog.add(source, List.of());
    }

    /**
     * Adds a source that SQL (and {@link #tables}, {@link #describe}) also finds under each of
     * {@code aliases}, e.g. a stable id next to a name users may change.
     */
    public void addSource(SourceConfig source, java.util.Collection<String> aliases) {
        catalog.add(source, aliases);
    }

    /**
     * Replaces source {@code name} (the new settings may rename it; aliases are kept). Queries already
     * running finish on the old connector, which is closed when the last of them ends.
     */
    public void replaceSource(String name, SourceConfig source) {
        catalog.replace(name, source);
    }

    /** Removes a source; its connector is closed once no running query uses it. */
    public void removeSource(String name) {
        catalog.remove(name);
    }

    public List<Connector> sources() {
        return List.copyOf(catalog.connectors());
    }

    /** Tables and views of a source, all schemas. */
    public List<TableInfo> tables(String source) {
        Connector c = catalog.get(source);
        List<TableInfo> out = new ArrayList<>();
        for (String schema : c.schemaNames()) {
            out.addAll(c.tables(schema));
        }
        return out;
    }

    /** Metadata of {@code source.table} or {@code source.schema.table}. */
    public TableMetadata describe(String qualifiedName) {
        return engine.resolveTable(qualifiedName);
    }

    public EngineSettings settings() {
        return engine.settings();
    }

    @Override
    public void close() {
        catalog.close();
    }

    /** Builds a Junction from a catalog file, sources given in code, or both. */
    public static final class Builder {
        private final List<SourceConfig> sources = new ArrayList<>();
        private final List<Connector> connectors = new ArrayList<>();
        private EngineSettings settings = EngineSettings.defaults();

        public Builder config(Path file) {
            sources.addAll(CatalogConfig.load(file));
            return this;
        }

        public Builder source(SourceConfig source) {
            sources.add(Objects.requireNonNull(source));
            return this;
        }

        /** A source whose connector the embedding application built itself (its own Connector implementation). */
        public Builder connector(Connector connector) {
            connectors.add(Objects.requireNonNull(connector));
            return this;
        }

        public Builder settings(EngineSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        public Builder batchSize(int rows) {
            this.settings = settings.withBatchSize(rows);
            return this;
        }

        public Junction build() {
            Catalog catalog = new Catalog(sources);
            connectors.forEach(catalog::register);
            return new Junction(catalog, settings);
        }
    }
}
