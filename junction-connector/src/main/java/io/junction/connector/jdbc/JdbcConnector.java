package io.junction.connector.jdbc;

import io.junction.connector.Connector;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceDialect;
import io.junction.connector.SourceQuery;
import io.junction.connector.SourceType;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.connector.TableStatistics;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.ColumnMetadata;
import io.junction.types.TextCollation;
import io.junction.types.JunctionType;
import io.junction.vector.BatchStream;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What every JDBC source shares: a connection source opened on first use, cached metadata, statements
 * streamed into batches and driver failures turned into Junction errors. A subclass says how to reach its
 * source, how to read its catalog and how its types map.
 *
 * <p>Thread-safe: metadata caches are concurrent and each query has its own connection.
 */
public abstract class JdbcConnector implements Connector {
    protected final SourceConfig config;
    protected final JdbcOptions options;
    private final SourceDialect dialect;
    private final JdbcFailureTranslator failures;
    private final Object connectionLock = new Object();
    private volatile JdbcConnectionSource connections;
    private volatile boolean closed;
    private volatile String defaultSchema;
    private final ExpiringCache<String, List<String>> schemaCache;
    private final ExpiringCache<String, List<TableInfo>> tableCache;
    private final ExpiringCache<List<String>, Optional<TableMetadata>> metadataCache;
    private final ExpiringCache<List<String>, Optional<TableStatistics>> statisticsCache;

    protected JdbcConnector(SourceConfig config, SourceDialect dialect, String location, boolean serverBased) {
        this.config = config;
        this.options = JdbcOptions.from(config);
        this.dialect = dialect;
        this.failures = new JdbcFailureTranslator(config, location, serverBased);
        this.schemaCache = new ExpiringCache<>(options.metadataCacheSeconds());
        this.tableCache = new ExpiringCache<>(options.metadataCacheSeconds());
        this.metadataCache = new ExpiringCache<>(options.metadataCacheSeconds());
        this.statisticsCache = new ExpiringCache<>(STATISTICS_CACHE_SECONDS);
    }

    /** Statistics change slowly and only steer estimates, so they are kept longer than metadata. */
    static final long STATISTICS_CACHE_SECONDS = 300;

    // ---- what a source supplies -------------------------------------------------------------------------

    /** Opens the source's connection source; called once, on first use, never from the constructor. */
    protected abstract JdbcConnectionSource openConnectionSource() throws SQLException;

    /** The schema two-part names resolve in, asked of the source on first use. */
    protected abstract String loadDefaultSchema(Connection connection) throws SQLException;

    /** Schemas a user may query, system schemas left out. */
    protected abstract List<String> loadSchemaNames(Connection connection) throws SQLException;

    /** Tables and views of {@code schema}. */
    protected abstract List<TableInfo> loadTables(Connection connection, String schema) throws SQLException;

    /** Columns of one table in their declared order. */
    protected abstract List<JdbcColumn> loadColumns(Connection connection, String schema, String table) throws SQLException;

    /** The Junction type that carries a column's values, or null when none carries them without loss. */
    protected abstract JunctionType mapType(JdbcColumn column);

    /** Primary-key columns in key order; by default from {@link DatabaseMetaData#getPrimaryKeys}. */
    protected List<String> loadPrimaryKey(Connection connection, String schema, String table) throws SQLException {
        TreeMap<Integer, String> keyColumns = new TreeMap<>();
        try (ResultSet rs = connection.getMetaData().getPrimaryKeys(null, schema, table)) {
            while (rs.next()) {
                keyColumns.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(keyColumns.values());
    }

    /** The source's own row-count estimate; empty when it keeps none. */
    protected OptionalLong loadRowCountEstimate(Connection connection, String schema, String table) throws SQLException {
        return OptionalLong.empty();
    }

    /**
     * The source's statistics of a table (see {@link Connector#statistics}). By default just the row-count
     * estimate of the metadata; sources with per-column statistics override this.
     */
    protected Optional<TableStatistics> loadStatistics(Connection connection, TableMetadata table) throws SQLException {
        return table.rowCountEstimate().isPresent()
                ? Optional.of(new TableStatistics(table.schema(), table.name(), table.rowCountEstimate(), List.of()))
                : Optional.empty();
    }

    /** Whether a column's min/max are worth reporting: numbers and dates/times, whose order every source shares. */
    protected static boolean reportsRange(JunctionType type) {
        return type.kind().isNumeric() || switch (type.kind()) {
            case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> true;
            default -> false;
        };
    }

    /** The reader for one output column; sources whose driver needs another way of reading a kind override. */
    protected JdbcColumnReader columnReader(JunctionType type) {
        return JdbcColumnReader.standard(type);
    }

    /** Sets the statement up to stream rows instead of loading the whole result into memory. */
    protected void prepareForStreaming(Connection connection, Statement statement) throws SQLException {
        statement.setFetchSize(options.fetchSize());
    }

    /**
     * Whether closing a stream before its end cancels the statement first. True where the driver would
     * otherwise read the remaining rows, or the source keep working, before the close returns.
     */
    protected boolean cancelOnEarlyClose() {
        return true;
    }

    /** The database file of an embedded source (SQLite, DuckDB); CONFIG_ERROR naming the source when unset. */
    protected static String requireDatabasePath(SourceConfig config) {
        if (config.path() == null || config.path().isBlank()) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + config.name() + "' (" + config.type().configName()
                    + ") needs a path to its database file");
        }
        return config.path();
    }

    /** An embedded database must exist unless the source asks to create it: a typo must not yield an empty database. */
    protected void checkDatabaseFileExists() {
        java.nio.file.Path file = java.nio.file.Path.of(config.path());
        if (!options.create() && !java.nio.file.Files.isRegularFile(file)) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + config.name() + "' (" + config.type().configName()
                    + "): database file " + file.toAbsolutePath()
                    + " does not exist; fix the path, or set the option create: true to start an empty database there");
        }
    }

    /**
     * How the source compares this column's text. The default suits sources whose default collation is
     * binary (SQLite, DuckDB); sources with language or case-insensitive collations override it.
     */
    protected TextCollation textCollation(Connection connection, JdbcColumn column) throws SQLException {
        return column.collation() == null ? TextCollation.BINARY : TextCollation.INSENSITIVE;
    }

    /**
     * Whether a stream closed before its end must also drop its connection: true where closing a result set
     * reads every remaining row and a cancel can miss a statement that had not started yet (MySQL protocol),
     * so only closing the socket guarantees that close returns at once. The pool replaces the connection.
     */
    protected boolean abortOnEarlyClose() {
        return false;
    }

    /** Asks the source to stop the statement now running on {@code connection}; may come from another thread. */
    protected void cancel(Connection connection, Statement statement) throws SQLException {
        statement.cancel();
    }

    // ---- Connector --------------------------------------------------------------------------------------

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public SourceType type() {
        return config.type();
    }

    @Override
    public Optional<SourceDialect> dialect() {
        return Optional.of(dialect);
    }

    @Override
    public String defaultSchema() {
        String schema = defaultSchema;
        if (schema == null) {
            schema = withConnection("the default schema", this::loadDefaultSchema);
            defaultSchema = schema;
        }
        return schema;
    }

    @Override
    public List<String> schemaNames() {
        return schemaCache.get("", key -> withConnection("schemas", this::loadSchemaNames));
    }

    @Override
    public List<TableInfo> tables(String schema) {
        // Sorted here because catalogs order by their collation, which differs between sources.
        return tableCache.get(schema, key -> withConnection("tables of schema '" + schema + "'", c -> loadTables(c, schema)).stream()
                .sorted(Comparator.comparing(TableInfo::name)).toList());
    }

    @Override
    public Optional<TableMetadata> table(String schema, String table) {
        Optional<TableMetadata> metadata = loadTableCached(schema, table);
        if (metadata.isEmpty()) {
            // A miss is not remembered: the table may be created in a moment and a query naming it should find it.
            metadataCache.invalidate(List.of(schema, table));
        }
        return metadata;
    }

    private Optional<TableMetadata> loadTableCached(String schema, String table) {
        return metadataCache.get(List.of(schema, table), key -> withConnection("columns of " + schema + "." + table, c -> {
            Optional<TableInfo> info = loadTables(c, schema).stream().filter(t -> t.name().equals(table)).findFirst();
            if (info.isEmpty()) {
                return Optional.empty();
            }
            List<ColumnMetadata> columns = new ArrayList<>();
            for (JdbcColumn column : loadColumns(c, schema, table)) {
                columns.add(new ColumnMetadata(column.name(), mapType(column), column.nullable(), column.typeName(),
                        textCollation(c, column)));
            }
            List<String> primaryKey = info.get().kind() == TableInfo.Kind.TABLE ? loadPrimaryKey(c, schema, table) : List.of();
            OptionalLong estimate = info.get().kind() == TableInfo.Kind.TABLE ? loadRowCountEstimate(c, schema, table) : OptionalLong.empty();
            return Optional.of(new TableMetadata(schema, table, info.get().kind(), columns, primaryKey, estimate));
        }));
    }

    @Override
    public Optional<TableStatistics> statistics(String schema, String table) {
        List<String> key = List.of(schema, table);
        try {
            return statisticsCache.get(key, k -> {
                Optional<TableMetadata> metadata = table(schema, table);
                if (metadata.isEmpty() || metadata.get().kind() != TableInfo.Kind.TABLE) {
                    return Optional.empty();
                }
                return withConnection("statistics of " + schema + "." + table, c -> loadStatistics(c, metadata.get()));
            });
        } catch (JunctionException e) {
            // Statistics only steer estimates: a source that cannot give them (permissions, a missing catalog
            // table) plans with defaults instead of failing the query; the query itself reports real failures.
            statisticsCache.invalidate(key);
            return Optional.empty();
        }
    }

    @Override
    public Optional<TableStatistics> refreshStatistics(String schema, String table) {
        List<String> key = List.of(schema, table);
        tableCache.invalidate(schema);
        metadataCache.invalidate(key);
        statisticsCache.invalidate(key);
        return statistics(schema, table);
    }

    @Override
    public BatchStream execute(SourceQuery query) {
        return switch (query) {
            case SourceQuery.Sql s -> openStream(s.sql(), s.outputTypes());
            case SourceQuery.Scan scan -> openStream(renderScan(scan.table(), scan.columns()), scan.outputTypes());
            case SourceQuery.ParallelScan parallel -> new ParallelScanStream(this, parallel);
        };
    }

    /**
     * Streams the rows of one statement on a connection of its own that goes back to the pool when the stream
     * ends or is closed. Sources with a faster way to read than a JDBC result set override this.
     */
    protected BatchStream openStream(String sql, List<JunctionType> types) {
        Connection connection = connect();
        try {
            return streamStatement(connection, sql, types, true);
        } catch (SQLException e) {
            releaseAfterFailure(connection, null);
            throw failures.queryFailure(e, sql);
        } catch (RuntimeException e) {
            releaseAfterFailure(connection, null);
            throw e;
        }
    }

    /**
     * A JDBC result-set stream of {@code sql} on {@code connection}. With {@code ownsConnection} the stream
     * closes the connection (and ends a transaction it began) when done; without, it leaves connection and
     * transaction to the caller (a part of a parallel scan inside a shared snapshot).
     */
    protected BatchStream streamStatement(Connection connection, String sql, List<JunctionType> types, boolean ownsConnection)
            throws SQLException {
        JdbcColumnReader[] readers = new JdbcColumnReader[types.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = columnReader(types.get(i));
        }
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            prepareForStreaming(connection, statement);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        return new JdbcBatchStream(this, connection, ownsConnection, statement, sql, types, readers, options.batchSize());
    }

    // ---- parallel scans: what a source that splits scans supplies -----------------------------------------

    /**
     * Starts the snapshot all parts of a parallel scan will read, on the connection that opens the scan, and
     * returns the token the other connections join it by; null when the source cannot share a snapshot.
     */
    protected String beginSharedSnapshot(Connection coordinator) throws SQLException {
        return null;
    }

    /** Makes {@code worker} read the snapshot {@code token} from {@link #beginSharedSnapshot}. */
    protected void joinSharedSnapshot(Connection worker, String token) throws SQLException {
    }

    /** The rows of one part of a parallel scan on a connection the caller keeps (and whose transaction it owns). */
    protected BatchStream streamPart(Connection connection, String sql, List<JunctionType> types) throws SQLException {
        return streamStatement(connection, sql, types, false);
    }

    @Override
    public int concurrentStatements() {
        return options.poolSize();
    }

    /** Fails when a statement's result does not have the columns the plan expects. */
    void checkResultWidth(ResultSet rows, int expected, String sql) throws SQLException {
        int width = rows.getMetaData().getColumnCount();
        if (width != expected) {
            throw new JunctionException(ErrorCode.INTERNAL_ERROR, failures.prefix() + ": statement returns " + width
                    + " columns but " + expected + " output types were given; statement: " + sql);
        }
    }

    @Override
    public void checkReachable() {
        withConnection("a round trip", c -> {
            if (!c.isValid(options.connectTimeoutSeconds())) {
                throw new SQLException("connection did not answer within " + options.connectTimeoutSeconds() + " s", "08006");
            }
            return null;
        });
    }

    @Override
    public Optional<String> serverVersion() {
        return withConnection("the server version", c -> {
            DatabaseMetaData md = c.getMetaData();
            return Optional.of(md.getDatabaseProductName() + " " + md.getDatabaseProductVersion());
        });
    }

    @Override
    public void close() {
        closed = true;
        synchronized (connectionLock) {
            if (connections != null) {
                connections.close();
                connections = null;
            }
        }
        schemaCache.clear();
        tableCache.clear();
        metadataCache.clear();
    }

    // ---- shared machinery ---------------------------------------------------------------------------------

    /** {@code SELECT "a", "b" FROM "schema"."table"} with the dialect's quoting. */
    protected String renderScan(TableMetadata table, int[] columns) {
        StringBuilder sql = new StringBuilder("SELECT ");
        if (columns.length == 0) {
            sql.append('1');
        }
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(quote(table.columns().get(columns[i]).name()));
        }
        return sql.append(" FROM ").append(quote(table.schema())).append('.').append(quote(table.name())).toString();
    }

    protected String quote(String identifier) {
        return dialect.calciteDialect().quoteIdentifier(identifier);
    }

    public JdbcFailureTranslator failures() {
        return failures;
    }

    /** A connection from the source, opening the connection source on first use. */
    protected Connection connect() {
        if (closed) {
            throw new JunctionException(ErrorCode.INTERNAL_ERROR, failures.prefix() + " is closed");
        }
        try {
            JdbcConnectionSource source = connections;
            if (source == null) {
                synchronized (connectionLock) {
                    if (connections == null) {
                        connections = openConnectionSource();
                    }
                    source = connections;
                }
            }
            return source.open();
        } catch (SQLException e) {
            throw failures.connectFailure(e);
        }
    }

    /**
     * A further connection for a parallel scan if one is free within {@code waitMillis}, else null: a scan that
     * already holds a connection must not wait for connections that other streams of the same query hold.
     */
    protected Connection tryConnect(long waitMillis) {
        try {
            JdbcConnectionSource source = connections;
            return source == null ? null : source.tryOpen(waitMillis);
        } catch (SQLException e) {
            throw failures.connectFailure(e);
        }
    }

    /** Work on a connection of the source that needs it only briefly (metadata, round trips). */
    protected <T> T withConnection(String what, SqlWork<T> work) {
        try (Connection connection = connect()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failures.metadataFailure(e, what);
        }
    }

    /** Runs a catalog query with string parameters and collects the first column of every row. */
    protected static List<String> queryStrings(Connection connection, String sql, String... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /**
     * Drops the connection at once, with whatever statement it is running, and keeps it out of the pool; the
     * stream's later release of the dead connection then fails quietly instead of reaching the source.
     */
    void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // Already closed: nothing is left to drain.
        }
        JdbcConnectionSource source = connections;
        if (source != null) {
            source.discard(connection);
        }
    }

    /** Ends whatever transaction the connection is in, restores auto-commit and gives it back; never throws. */
    protected static void releaseAfterFailure(Connection connection, Statement statement) {
        try {
            if (statement != null) {
                statement.close();
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException ignored) {
            // The connection is closed below either way.
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing more to release.
        }
    }

    /** Work against a connection that may fail with the driver's SQLException. */
    @FunctionalInterface
    protected interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
