package io.junction.connector.postgres;

import io.junction.connector.ColumnStatistics;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceQuery;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.connector.TableStatistics;
import io.junction.connector.jdbc.JdbcOptions;
import io.junction.vector.BatchStream;
import io.junction.connector.jdbc.JdbcColumn;
import io.junction.connector.jdbc.JdbcConnectionSource;
import io.junction.connector.jdbc.JdbcConnector;
import io.junction.connector.jdbc.PooledConnectionSource;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.ColumnMetadata;
import io.junction.types.JunctionType;
import io.junction.types.TextCollation;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A PostgreSQL database; each of its schemas is a schema in Junction. */
public final class PostgresConnector extends JdbcConnector {
    private static final String URL_PREFIX = "jdbc:postgresql:";
    /** A part of a ctid-split scan covers at least this many 8 kB pages; smaller parts cost more than they win. */
    static final long MIN_PAGES_PER_PART = 128;
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]+");

    /** Whether results are read with binary COPY (option binary_copy, default true) rather than a JDBC result set. */
    private final boolean binaryCopy;

    public PostgresConnector(SourceConfig config) {
        super(config, PostgresDialect.INSTANCE, requireUrl(config), true);
        this.binaryCopy = JdbcOptions.booleanOption(config, "binary_copy", true);
    }

    private static String requireUrl(SourceConfig config) {
        if (config.url() == null || !config.url().startsWith(URL_PREFIX)) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + config.name() + "' (postgresql) needs a url of the form "
                    + "jdbc:postgresql://host:port/database, got " + (config.url() == null ? "none" : "'" + config.url() + "'"));
        }
        return config.url();
    }

    @Override
    protected JdbcConnectionSource openConnectionSource() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Integer.toString(options.connectTimeoutSeconds()));
        properties.setProperty("loginTimeout", Integer.toString(options.connectTimeoutSeconds()));
        properties.setProperty("ApplicationName", "junction");
        return new PooledConnectionSource(config.name(), config.url(), config.user(), config.password(), properties, null, options);
    }

    @Override
    protected BatchStream openStream(String sql, List<JunctionType> types) {
        if (!binaryCopy) {
            return super.openStream(sql, types);
        }
        return new PostgresCopyStream(this, connect(), true, sql, types, options.batchSize());
    }

    @Override
    protected BatchStream streamPart(Connection connection, String sql, List<JunctionType> types) throws SQLException {
        return binaryCopy ? new PostgresCopyStream(this, connection, false, sql, types, options.batchSize())
                : super.streamPart(connection, sql, types);
    }

    /** The JDBC result-set path, for statements whose types the binary decoder does not read. */
    BatchStream jdbcStream(Connection connection, String sql, List<JunctionType> types, boolean ownsConnection) throws SQLException {
        return streamStatement(connection, sql, types, ownsConnection);
    }

    /** Gives a connection back to the pool with no transaction left open. */
    void release(Connection connection) {
        releaseAfterFailure(connection, null);
    }

    /**
     * Splits a scan of a plain table into ranges of heap pages, {@code ctid >= '(a,0)' AND ctid < '(b,0)'}, which
     * PostgreSQL 14+ reads with a TID Range Scan touching only those pages. The page count is the table's current
     * size (pg_relation_size, exact, unlike pg_class.relpages which only VACUUM/ANALYZE update); the first part is
     * open below and the last open above, so pages added after this call are still read. The parts share one
     * exported snapshot, so together they see the table exactly as one statement would.
     */
    @Override
    public Optional<SourceQuery.ParallelScan> splitScan(SourceQuery.Scan scan, String filter, int parts) {
        TableMetadata table = scan.table();
        if (parts < 2 || table.kind() != TableInfo.Kind.TABLE) {
            return Optional.empty();
        }
        long pages = withConnection("the size of " + table.schema() + "." + table.name(), c -> {
            try (PreparedStatement statement = c.prepareStatement("""
                    SELECT c.relkind, pg_catalog.pg_relation_size(c.oid) / current_setting('block_size')::bigint
                    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = ? AND c.relname = ?""")) {
                statement.setString(1, table.schema());
                statement.setString(2, table.name());
                try (ResultSet rs = statement.executeQuery()) {
                    // Partitioned parents have no pages of their own; each partition has its own ctids.
                    return rs.next() && (rs.getString(1).equals("r") || rs.getString(1).equals("m")) ? rs.getLong(2) : 0L;
                }
            }
        });
        int count = (int) Math.min(parts, pages / MIN_PAGES_PER_PART);
        if (count < 2) {
            return Optional.empty();
        }
        String base = renderScan(table, scan.columns()) + " WHERE " + (filter == null ? "" : "(" + filter + ") AND ");
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long from = pages * i / count;
            long to = pages * (i + 1) / count;
            String lower = "ctid >= '(" + from + ",0)'::tid";
            String upper = "ctid < '(" + to + ",0)'::tid";
            statements.add(base + (i == 0 ? upper : i == count - 1 ? lower : lower + " AND " + upper));
        }
        return Optional.of(new SourceQuery.ParallelScan("ctid page ranges over " + pages + " pages", statements, true, count,
                scan.outputTypes()));
    }

    /** REPEATABLE READ, so the transaction keeps one snapshot, which pg_export_snapshot makes joinable. */
    @Override
    protected String beginSharedSnapshot(Connection coordinator) throws SQLException {
        coordinator.setAutoCommit(false);
        try (Statement statement = coordinator.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            try (ResultSet rs = statement.executeQuery("SELECT pg_catalog.pg_export_snapshot()")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Override
    protected void joinSharedSnapshot(Connection worker, String token) throws SQLException {
        if (!SNAPSHOT_ID.matcher(token).matches()) {
            throw new SQLException("unexpected snapshot identifier from pg_export_snapshot: " + token);
        }
        worker.setAutoCommit(false);
        try (Statement statement = worker.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            statement.execute("SET TRANSACTION SNAPSHOT '" + token + "'");
        }
    }

    /** A cursor is used only inside a transaction; without one pgjdbc reads the whole result into memory. */
    @Override
    protected void prepareForStreaming(Connection connection, Statement statement) throws SQLException {
        connection.setAutoCommit(false);
        statement.setFetchSize(options.fetchSize());
    }

    /**
     * Between fetches the server is idle with the cursor suspended, so closing the cursor stops the work; a
     * cancel request would only race with the rollback that follows (it may arrive late and hit it).
     */
    @Override
    protected boolean cancelOnEarlyClose() {
        return false;
    }

    /**
     * pgjdbc's Statement.cancel() does nothing once executeQuery has returned, though later cursor fetches
     * still run in the server; the connection-level cancel reaches them.
     */
    @Override
    protected void cancel(Connection connection, Statement statement) throws SQLException {
        connection.unwrap(PGConnection.class).cancelQuery();
    }

    @Override
    protected String loadDefaultSchema(Connection connection) throws SQLException {
        List<String> schema = queryStrings(connection, "SELECT current_schema()");
        return schema.isEmpty() || schema.getFirst() == null ? "public" : schema.getFirst();
    }

    @Override
    protected List<String> loadSchemaNames(Connection connection) throws SQLException {
        return queryStrings(connection, """
                SELECT nspname FROM pg_catalog.pg_namespace
                WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' AND has_schema_privilege(oid, 'USAGE')
                ORDER BY nspname""");
    }

    @Override
    protected List<TableInfo> loadTables(Connection connection, String schema) throws SQLException {
        List<TableInfo> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.relname, c.relkind FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
                ORDER BY c.relname""")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(2);
                    boolean view = kind.equals("v") || kind.equals("m");
                    tables.add(new TableInfo(schema, rs.getString(1), view ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE));
                }
            }
        }
        return tables;
    }

    @Override
    protected List<JdbcColumn> loadColumns(Connection connection, String schema, String table) throws SQLException {
        List<JdbcColumn> columns = new ArrayList<>();
        // Domains are looked through to their base type, whose type modifier the domain carries.
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname,
                       pg_catalog.format_type(a.atttypid, a.atttypmod),
                       CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END,
                       CASE WHEN t.typtype = 'd' THEN bt.typtype ELSE t.typtype END,
                       CASE WHEN t.typtype = 'd' THEN bt.typcategory ELSE t.typcategory END,
                       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
                       NOT a.attnotnull AND NOT (t.typtype = 'd' AND t.typnotnull),
                       (SELECT CASE
                                 WHEN co.collname IN ('C', 'POSIX') THEN 'binary'
                                 WHEN co.collname = 'default'
                                   THEN CASE WHEN d.datcollate IN ('C', 'POSIX', 'C.UTF-8', 'C.utf8') THEN 'binary' ELSE 'deterministic' END
                                 WHEN co.collprovider = 'c' AND co.collcollate IN ('C', 'POSIX', 'C.UTF-8', 'C.utf8') THEN 'binary'
                                 WHEN NOT co.collisdeterministic THEN 'insensitive'
                                 ELSE 'deterministic' END
                        FROM pg_catalog.pg_collation co, pg_catalog.pg_database d
                        WHERE co.oid = a.attcollation AND d.datname = current_database())
                FROM pg_catalog.pg_attribute a
                JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
                WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String typname = rs.getString(3);
                    String typtype = rs.getString(4);
                    String category = rs.getString(5);
                    int typmod = rs.getInt(6);
                    String baseType = switch (typtype) {
                        case "e" -> "enum";
                        case "c" -> "composite";
                        case "r", "m" -> "range";
                        default -> category.equals("A") ? "array" : typname;
                    };
                    int precision = JdbcColumn.UNDECLARED;
                    int scale = JdbcColumn.UNDECLARED;
                    if (typmod >= 4 && baseType.equals("numeric")) {
                        precision = ((typmod - 4) >> 16) & 0xffff;
                        scale = (typmod - 4) & 0xffff;
                    } else if (typmod >= 4 && (baseType.equals("varchar") || baseType.equals("bpchar"))) {
                        precision = typmod - 4;
                    }
                    columns.add(new JdbcColumn(rs.getString(1), rs.getString(2), baseType, rs.getBoolean(7), precision, scale,
                            rs.getString(8)));
                }
            }
        }
        return columns;
    }

    @Override
    protected JunctionType mapType(JdbcColumn column) {
        return PostgresTypeMapping.map(column);
    }

    /** Classified by the column query: "C"/"POSIX" (also as the database default) order by code point. */
    @Override
    protected TextCollation textCollation(Connection connection, JdbcColumn column) {
        return column.collation() == null ? TextCollation.BINARY : switch (column.collation()) {
            case "binary" -> TextCollation.BINARY;
            case "deterministic" -> TextCollation.DETERMINISTIC;
            default -> TextCollation.INSENSITIVE;
        };
    }

    /** pg_class.reltuples, which VACUUM and ANALYZE keep; -1 means the table was never analysed. */
    @Override
    protected OptionalLong loadRowCountEstimate(Connection connection, String schema, String table) throws SQLException {
        List<String> estimate = queryStrings(connection, """
                SELECT c.reltuples::bigint FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ?""", schema, table);
        if (estimate.isEmpty() || estimate.getFirst() == null) {
            return OptionalLong.empty();
        }
        long rows = Long.parseLong(estimate.getFirst());
        return rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows);
    }

    /**
     * The order of sampled values of a column of {@code type} as PostgreSQL writes them: numbers by value (NaN and
     * the infinities too; text that is no number, as a type mapped to a number may print, sorts as NaN), dates and
     * timestamps (ISO, as pgjdbc's DateStyle has them) by their text.
     */
    private static Comparator<String> sampledValueOrder(JunctionType type) {
        return type.kind().isNumeric() ? Comparator.comparingDouble(PostgresConnector::numberOrNaN) : Comparator.naturalOrder();
    }

    private static double numberOrNaN(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    /**
     * A real (float4) column as the decimal PostgreSQL prints, 0.1 for 0.1: read as a double once pgjdbc switches the
     * statement to binary transfer (its fifth run on a connection), it would be 0.10000000149011612.
     */
    private static double float4(ResultSet rs, int column) throws SQLException {
        float value = rs.getFloat(column);
        return Float.isFinite(value) ? Double.parseDouble(Float.toString(value)) : value;
    }

    /**
     * pg_class.reltuples for the rows and pg_stats (filled by ANALYZE or autovacuum) for the columns. A negative
     * n_distinct is minus the fraction of rows that are distinct; min/max are the smallest and largest of the
     * histogram's end bounds and the most common values, which the histogram leaves out (a day that is common
     * enough to be one of them at either end would otherwise narrow the span range estimates measure against), so
     * they are those of ANALYZE's sample: close rather than exact.
     */
    @Override
    protected Optional<TableStatistics> loadStatistics(Connection connection, TableMetadata table) throws SQLException {
        OptionalLong rows = loadRowCountEstimate(connection, table.schema(), table.name());
        List<ColumnStatistics> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT s.attname, s.null_frac, s.n_distinct, b.bounds[1], b.bounds[array_length(b.bounds, 1)],
                       s.most_common_vals::text::text[]
                FROM pg_catalog.pg_stats s CROSS JOIN LATERAL (SELECT s.histogram_bounds::text::text[] AS bounds) b
                WHERE s.schemaname = ? AND s.tablename = ? AND NOT s.inherited""")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    int index = table.columnIndex(name);
                    if (index < 0) {
                        continue;
                    }
                    double nullFraction = float4(rs, 2);
                    double distinct = float4(rs, 3);
                    OptionalLong distinctCount = OptionalLong.empty();
                    if (distinct > 0) {
                        distinctCount = OptionalLong.of(Math.round(distinct));
                    } else if (distinct < 0 && rows.isPresent()) {
                        distinctCount = OptionalLong.of(Math.max(1, Math.round(-distinct * rows.getAsLong())));
                    }
                    ColumnMetadata column = table.columns().get(index);
                    List<String> sampled = new ArrayList<>();
                    if (reportsRange(column.type())) {
                        Stream.of(rs.getString(4), rs.getString(5)).filter(Objects::nonNull).forEach(sampled::add);
                        java.sql.Array common = rs.getArray(6);
                        if (common != null) {
                            sampled.addAll(Arrays.asList((String[]) common.getArray()));
                        }
                    }
                    Comparator<String> order = sampledValueOrder(column.type());
                    columns.add(new ColumnStatistics(name, distinctCount,
                            OptionalDouble.of(Math.min(1, Math.max(0, nullFraction))),
                            sampled.stream().min(order), sampled.stream().max(order)));
                }
            }
        }
        if (rows.isEmpty() && columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableStatistics(table.schema(), table.name(), rows, columns));
    }
}
