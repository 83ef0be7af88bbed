package io.junction.connector.mysql;

import io.junction.connector.ColumnStatistics;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceQuery;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.connector.TableStatistics;
import io.junction.connector.jdbc.JdbcOptions;
import io.junction.connector.jdbc.JdbcColumn;
import io.junction.connector.jdbc.JdbcColumnReader;
import io.junction.connector.jdbc.JdbcConnectionSource;
import io.junction.connector.jdbc.JdbcConnector;
import io.junction.connector.jdbc.PooledConnectionSource;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.types.TextCollation;
import io.junction.types.TypeKind;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * A MariaDB (or MySQL) server through MariaDB Connector/J; each database on the server is a schema, and
 * the database named in the URL is the default schema.
 */
public final class MysqlConnector extends JdbcConnector {
    private static final String MARIADB_PREFIX = "jdbc:mariadb:";
    private static final String MYSQL_PREFIX = "jdbc:mysql:";
    /** Splitting pays for wide rows (see MIN_COLUMNS_TO_SPLIT); option key_range_split: false turns it off. */
    static final boolean KEY_RANGE_SPLIT_BY_DEFAULT = true;

    /** A part of a key-range split covers at least this many rows (by the table's estimate). */
    static final long MIN_ROWS_PER_PART = 100_000;
    /**
     * Narrower scans are not split. Measured by FetchBenchmark (3 M rows, 2 shared cores): one integer column reads
     * at 5.6 M rows/s over one connection but 3.5–3.7 M over 2–4 (the server, not the client, is the limit), while
     * the 16 lineitem columns go from 314 k rows/s to 385 k (2) and 430 k (4), where decoding in the driver is.
     */
    static final int MIN_COLUMNS_TO_SPLIT = 8;

    private final String url;
    /** Whether {@link #splitScan} divides tables by primary-key ranges (option key_range_split). */
    private final boolean keyRangeSplit;

    public MysqlConnector(SourceConfig config) {
        super(config, MysqlDialect.INSTANCE, requireUrl(config), true);
        this.keyRangeSplit = JdbcOptions.booleanOption(config, "key_range_split", KEY_RANGE_SPLIT_BY_DEFAULT);
        // Connector/J for MariaDB serves jdbc:mysql: URLs only when told to; the protocol is the same.
        this.url = config.url().startsWith(MYSQL_PREFIX) ? MARIADB_PREFIX + config.url().substring(MYSQL_PREFIX.length()) : config.url();
    }

    private static String requireUrl(SourceConfig config) {
        if (config.url() == null || !(config.url().startsWith(MARIADB_PREFIX) || config.url().startsWith(MYSQL_PREFIX))) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + config.name() + "' (mysql) needs a url of the form "
                    + "jdbc:mariadb://host:port/database (or jdbc:mysql://…), got " + (config.url() == null ? "none" : "'" + config.url() + "'"));
        }
        return config.url();
    }

    @Override
    protected JdbcConnectionSource openConnectionSource() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Integer.toString(options.connectTimeoutSeconds() * 1000));
        // YEAR is a number to Junction, not a date.
        properties.setProperty("yearIsDateType", "false");
        properties.setProperty("tinyInt1isBit", "true");
        // TIMESTAMP values arrive as UTC wall-clock times (see MysqlTimestampColumnReader). Backslashes in
        // string literals are plain characters, as in standard SQL and in the literals Calcite renders:
        // without NO_BACKSLASH_ESCAPES, 'back\slash' would match "backslash" there.
        return new PooledConnectionSource(config.name(), url, config.user(), config.password(), properties,
                "SET time_zone = '+00:00', sql_mode = CONCAT_WS(',', NULLIF(@@sql_mode, ''), 'NO_BACKSLASH_ESCAPES')", options);
    }

    /**
     * Splits a scan of a table whose primary key is one integer column into equal ranges of key values between
     * MIN and MAX (both read from the key's index). The first range is open below and the last open above, so
     * rows inserted meanwhile outside [MIN, MAX] are not lost. MariaDB cannot share a snapshot between
     * connections, so the parts are consistent each on its own only ({@code consistent = false}).
     */
    @Override
    public Optional<SourceQuery.ParallelScan> splitScan(SourceQuery.Scan scan, String filter, int parts) {
        TableMetadata table = scan.table();
        if (!keyRangeSplit || parts < 2 || table.kind() != TableInfo.Kind.TABLE || table.primaryKey().size() != 1
                || scan.columns().length < MIN_COLUMNS_TO_SPLIT) {
            return Optional.empty();
        }
        int keyIndex = table.columnIndex(table.primaryKey().getFirst());
        JunctionType keyType = keyIndex < 0 ? null : table.columns().get(keyIndex).type();
        if (keyType == null || !EnumSet.of(TypeKind.TINYINT, TypeKind.SMALLINT, TypeKind.INTEGER, TypeKind.BIGINT).contains(keyType.kind())) {
            return Optional.empty();
        }
        long rows = table.rowCountEstimate().orElse(0);
        int count = (int) Math.min(parts, rows / MIN_ROWS_PER_PART);
        if (count < 2) {
            return Optional.empty();
        }
        String key = quote(table.primaryKey().getFirst());
        String from = quote(table.schema()) + "." + quote(table.name());
        long[] bounds = withConnection("the key range of " + table.schema() + "." + table.name(), c -> {
            try (Statement statement = c.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT MIN(" + key + "), MAX(" + key + ") FROM " + from)) {
                rs.next();
                long min = rs.getLong(1);
                return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
            }
        });
        if (bounds == null || bounds[1] - bounds[0] < count) {
            return Optional.empty();
        }
        BigInteger low = BigInteger.valueOf(bounds[0]);
        BigInteger span = BigInteger.valueOf(bounds[1]).subtract(low).add(BigInteger.ONE);
        String base = renderScan(table, scan.columns()) + " WHERE " + (filter == null ? "" : "(" + filter + ") AND ");
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long lower = low.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count))).longValueExact();
            long upper = low.add(span.multiply(BigInteger.valueOf(i + 1)).divide(BigInteger.valueOf(count))).longValueExact();
            String atLeast = key + " >= " + lower;
            String below = key + " < " + upper;
            statements.add(base + (i == 0 ? below : i == count - 1 ? atLeast : atLeast + " AND " + below));
        }
        return Optional.of(new SourceQuery.ParallelScan("primary-key ranges on " + table.primaryKey().getFirst(), statements, false,
                count, scan.outputTypes()));
    }

    /**
     * Statement.cancel() of Connector/J does nothing once a streaming executeQuery has returned, and closing the
     * result set then reads every remaining row (waiting for the server to produce them); KILL QUERY, which the
     * driver sends over a connection of its own, stops the server at once.
     */
    /** A killed or not-yet-started streaming statement would otherwise be drained row by row at close. */
    @Override
    protected boolean abortOnEarlyClose() {
        return true;
    }

    @Override
    protected void cancel(Connection connection, Statement statement) throws SQLException {
        connection.unwrap(org.mariadb.jdbc.Connection.class).cancelCurrentQuery();
    }

    @Override
    protected JdbcColumnReader columnReader(JunctionType type) {
        return type.kind() == TypeKind.TIMESTAMP_TZ ? new MysqlTimestampColumnReader() : super.columnReader(type);
    }

    @Override
    protected String loadDefaultSchema(Connection connection) throws SQLException {
        List<String> database = queryStrings(connection, "SELECT DATABASE()");
        if (database.isEmpty() || database.getFirst() == null) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, failures().prefix() + ": the url " + failures().maskedLocation()
                    + " names no database, so two-part names have no schema to resolve in; add the database to the url");
        }
        return database.getFirst();
    }

    @Override
    protected List<String> loadSchemaNames(Connection connection) throws SQLException {
        return queryStrings(connection, """
                SELECT SCHEMA_NAME FROM information_schema.SCHEMATA
                WHERE SCHEMA_NAME NOT IN ('information_schema', 'mysql', 'performance_schema', 'sys')
                ORDER BY SCHEMA_NAME""");
    }

    @Override
    protected List<TableInfo> loadTables(Connection connection, String schema) throws SQLException {
        List<TableInfo> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    boolean view = rs.getString(2).endsWith("VIEW");
                    tables.add(new TableInfo(schema, rs.getString(1), view ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE));
                }
            }
        }
        return tables;
    }

    @Override
    protected List<JdbcColumn> loadColumns(Connection connection, String schema, String table) throws SQLException {
        List<JdbcColumn> columns = new ArrayList<>();
        // MariaDB's JSON is LONGTEXT with a json_valid check that its CREATE TABLE adds; MySQL reports 'json'.
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT c.COLUMN_NAME, c.COLUMN_TYPE, c.DATA_TYPE, c.IS_NULLABLE, c.NUMERIC_PRECISION, c.NUMERIC_SCALE,
                       c.CHARACTER_MAXIMUM_LENGTH,
                       EXISTS (SELECT 1 FROM information_schema.CHECK_CONSTRAINTS cc
                               WHERE cc.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA AND cc.TABLE_NAME = c.TABLE_NAME
                                 AND cc.CHECK_CLAUSE = CONCAT('json_valid(`', c.COLUMN_NAME, '`)')),
                       c.COLLATION_NAME
                FROM information_schema.COLUMNS c
                WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?
                ORDER BY c.ORDINAL_POSITION""")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String columnType = rs.getString(2).toLowerCase(Locale.ROOT);
                    String dataType = rs.getString(3).toLowerCase(Locale.ROOT);
                    boolean json = rs.getBoolean(8);
                    String baseType;
                    if (json) {
                        baseType = "json";
                    } else if (columnType.startsWith("tinyint(1)") && !columnType.contains("unsigned")) {
                        baseType = "tinyint(1)";
                    } else {
                        baseType = columnType.contains("unsigned") ? dataType + " unsigned" : dataType;
                    }
                    int precision = JdbcColumn.UNDECLARED;
                    int scale = JdbcColumn.UNDECLARED;
                    long length = rs.getLong(7);
                    if (!rs.wasNull()) {
                        precision = (int) Math.min(length, Integer.MAX_VALUE);
                    } else if (dataType.equals("decimal") || dataType.equals("bit")) {
                        precision = rs.getInt(5);
                        scale = rs.getInt(6);
                    }
                    if (dataType.equals("bit")) {
                        precision = bitWidth(columnType);
                    }
                    columns.add(new JdbcColumn(rs.getString(1), rs.getString(2), baseType, rs.getString(4).equals("YES"), precision, scale,
                            rs.getString(9)));
                }
            }
        }
        return columns;
    }

    /**
     * From the collation's name: {@code _bin} compares by code point (but pads: 'a' = 'a ' there),
     * {@code _cs} is case-sensitive with language order, {@code _ci}/{@code _ai} and anything unknown
     * are treated as insensitive.
     */
    @Override
    protected TextCollation textCollation(Connection connection, JdbcColumn column) {
        String name = column.collation();
        if (name == null) {
            return TextCollation.BINARY;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith("_bin")) {
            return TextCollation.BINARY;
        }
        return n.endsWith("_cs") ? TextCollation.DETERMINISTIC : TextCollation.INSENSITIVE;
    }

    private static int bitWidth(String columnType) {
        int open = columnType.indexOf('(');
        int close = columnType.indexOf(')');
        return open < 0 || close < open ? 1 : Integer.parseInt(columnType.substring(open + 1, close));
    }

    @Override
    protected JunctionType mapType(JdbcColumn column) {
        return MysqlTypeMapping.map(column);
    }

    @Override
    protected List<String> loadPrimaryKey(Connection connection, String schema, String table) throws SQLException {
        return queryStrings(connection, """
                SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE
                WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY'
                ORDER BY ORDINAL_POSITION""", schema, table);
    }

    /** information_schema.TABLES.TABLE_ROWS: exact for MyISAM/Aria, an estimate for InnoDB. */
    @Override
    protected OptionalLong loadRowCountEstimate(Connection connection, String schema, String table) throws SQLException {
        List<String> rows = queryStrings(connection,
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", schema, table);
        return rows.isEmpty() || rows.getFirst() == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(rows.getFirst()));
    }

    /**
     * information_schema.TABLES.TABLE_ROWS for the rows. Per column, MariaDB's engine-independent statistics
     * (mysql.column_stats, written by {@code ANALYZE TABLE t PERSISTENT FOR ALL}) when it has them: distinct
     * values are the non-null rows over avg_frequency. Otherwise the cardinality of an index whose first column
     * it is, which InnoDB estimates by sampling (MySQL has no column_stats and lands here too).
     */
    @Override
    protected Optional<TableStatistics> loadStatistics(Connection connection, TableMetadata table) throws SQLException {
        OptionalLong rows = loadRowCountEstimate(connection, table.schema(), table.name());
        Map<String, ColumnStatistics> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT column_name, nulls_ratio, avg_frequency, min_value, max_value FROM mysql.column_stats
                WHERE db_name = ? AND table_name = ?""")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    int index = table.columnIndex(name);
                    if (index < 0) {
                        continue;
                    }
                    double nullsRatio = rs.getDouble(2);
                    OptionalDouble nullFraction = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(Math.min(1, Math.max(0, nullsRatio)));
                    double frequency = rs.getDouble(3);
                    OptionalLong distinct = OptionalLong.empty();
                    if (!rs.wasNull() && frequency > 0 && rows.isPresent()) {
                        double nonNull = rows.getAsLong() * (1 - nullFraction.orElse(0));
                        distinct = OptionalLong.of(Math.max(nonNull > 0 ? 1 : 0, Math.round(nonNull / frequency)));
                    }
                    boolean range = reportsRange(table.columns().get(index).type());
                    columns.put(name, new ColumnStatistics(name, distinct, nullFraction,
                            range ? Optional.ofNullable(rs.getString(4)) : Optional.empty(),
                            range ? Optional.ofNullable(rs.getString(5)) : Optional.empty()));
                }
            }
        } catch (SQLException e) {
            // MySQL, or a user without SELECT on the mysql schema: fall back to index cardinalities below.
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT COLUMN_NAME, MAX(CARDINALITY) FROM information_schema.STATISTICS
                WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND SEQ_IN_INDEX = 1 AND CARDINALITY IS NOT NULL
                GROUP BY COLUMN_NAME""")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (table.columnIndex(name) >= 0 && !columns.containsKey(name)) {
                        columns.put(name, ColumnStatistics.of(name, OptionalLong.of(rs.getLong(2)), OptionalDouble.empty()));
                    }
                }
            }
        }
        if (rows.isEmpty() && columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableStatistics(table.schema(), table.name(), rows, List.copyOf(columns.values())));
    }
}
