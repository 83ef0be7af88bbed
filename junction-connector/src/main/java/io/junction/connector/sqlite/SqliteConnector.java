package io.junction.connector.sqlite;

import io.junction.connector.ColumnStatistics;
import io.junction.connector.SourceConfig;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.connector.TableStatistics;
import io.junction.connector.jdbc.JdbcColumn;
import io.junction.connector.jdbc.JdbcColumnReader;
import io.junction.connector.jdbc.JdbcConnectionSource;
import io.junction.connector.jdbc.JdbcConnector;
import io.junction.connector.jdbc.PooledConnectionSource;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import org.sqlite.SQLiteConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An SQLite database file; its main database (and any attached one) is a schema. */
public final class SqliteConnector extends JdbcConnector {
    private static final Pattern DECLARED_TYPE = Pattern.compile("\\s*([^(]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    public SqliteConnector(SourceConfig config) {
        super(config, SqliteDialect.INSTANCE, requireDatabasePath(config), false);
    }

    @Override
    protected JdbcConnectionSource openConnectionSource() throws SQLException {
        checkDatabaseFileExists();
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setReadOnly(options.readOnly());
        sqlite.setBusyTimeout(options.connectTimeoutSeconds() * 1000);
        return new PooledConnectionSource(config.name(), "jdbc:sqlite:" + config.path(), null, null, sqlite.toProperties(), null, options);
    }

    @Override
    protected JdbcColumnReader columnReader(JunctionType type) {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> new SqliteIntegerColumnReader();
            case DECIMAL -> new SqliteDecimalColumnReader(type);
            case DATE, TIME, TIMESTAMP -> new SqliteTemporalColumnReader(type.kind());
            default -> super.columnReader(type);
        };
    }

    /** The engine steps the statement in this thread; between batches nothing runs that a cancel could stop. */
    @Override
    protected boolean cancelOnEarlyClose() {
        return false;
    }

    @Override
    protected String loadDefaultSchema(Connection connection) {
        return "main";
    }

    @Override
    public String defaultSchema() {
        return "main";
    }

    @Override
    protected List<String> loadSchemaNames(Connection connection) throws SQLException {
        return queryStrings(connection, "SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq");
    }

    @Override
    protected List<TableInfo> loadTables(Connection connection, String schema) throws SQLException {
        List<TableInfo> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name, type FROM " + quote(schema) + ".sqlite_master "
                + "WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tables.add(new TableInfo(schema, rs.getString(1), rs.getString(2).equals("view") ? TableInfo.Kind.VIEW : TableInfo.Kind.TABLE));
            }
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("unknown database")) {
                return List.of();
            }
            throw e;
        }
        return tables;
    }

    @Override
    protected List<JdbcColumn> loadColumns(Connection connection, String schema, String table) throws SQLException {
        List<JdbcColumn> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?, ?) ORDER BY cid")) {
            statement.setString(1, table);
            statement.setString(2, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String declared = rs.getString(2) == null ? "" : rs.getString(2);
                    Matcher m = DECLARED_TYPE.matcher(declared);
                    String base = declared.trim().toUpperCase(Locale.ROOT);
                    int precision = JdbcColumn.UNDECLARED;
                    int scale = JdbcColumn.UNDECLARED;
                    if (m.matches()) {
                        base = m.group(1).toUpperCase(Locale.ROOT);
                        if (m.group(2) != null) {
                            precision = Integer.parseInt(m.group(2));
                            scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
                        }
                    }
                    // An INTEGER PRIMARY KEY is the rowid and cannot be NULL, though the pragma says it may.
                    boolean rowid = rs.getInt(4) > 0 && base.equals("INTEGER");
                    columns.add(new JdbcColumn(rs.getString(1), declared, base, rs.getInt(3) == 0 && !rowid, precision, scale));
                }
            }
        }
        return columns;
    }

    @Override
    protected JunctionType mapType(JdbcColumn column) {
        return SqliteTypeMapping.map(column);
    }

    @Override
    protected List<String> loadPrimaryKey(Connection connection, String schema, String table) throws SQLException {
        TreeMap<Integer, String> key = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name, pk FROM pragma_table_info(?, ?) WHERE pk > 0")) {
            statement.setString(1, table);
            statement.setString(2, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    key.put(rs.getInt(2), rs.getString(1));
                }
            }
        }
        return List.copyOf(key.values());
    }

    /** The row count ANALYZE recorded in sqlite_stat1 (first number of the table's stat); none before ANALYZE. */
    @Override
    protected OptionalLong loadRowCountEstimate(Connection connection, String schema, String table) throws SQLException {
        String master = quote(schema) + ".sqlite_master";
        if (queryStrings(connection, "SELECT name FROM " + master + " WHERE type = 'table' AND name = 'sqlite_stat1'").isEmpty()) {
            return OptionalLong.empty();
        }
        List<String> stats = queryStrings(connection, "SELECT stat FROM " + quote(schema) + ".sqlite_stat1 WHERE tbl = ?", table);
        for (String stat : stats) {
            String first = stat == null ? "" : stat.split(" ", 2)[0];
            if (!first.isEmpty()) {
                return OptionalLong.of(Long.parseLong(first));
            }
        }
        return OptionalLong.empty();
    }

    /** Largest database file whose tables are counted with COUNT(*) when sqlite_stat1 has no row count. */
    private static final long COUNTED_DATABASE_BYTES = 64L << 20;

    /**
     * sqlite_stat1 (written by ANALYZE) gives the rows and, per index, the average rows per distinct value of its
     * leading column: the distinct count is rows over that average. Without it, a small database's tables are
     * counted exactly. SQLite keeps no null fractions.
     */
    @Override
    protected Optional<TableStatistics> loadStatistics(Connection connection, TableMetadata table) throws SQLException {
        String schema = quote(table.schema());
        OptionalLong rows = loadRowCountEstimate(connection, table.schema(), table.name());
        Map<String, ColumnStatistics> columns = new LinkedHashMap<>();
        if (rows.isPresent()) {
            List<String[]> indexStats = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT idx, stat FROM " + schema + ".sqlite_stat1 WHERE tbl = ? AND idx IS NOT NULL")) {
                statement.setString(1, table.name());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        indexStats.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            for (String[] indexStat : indexStats) {
                String[] figures = indexStat[1] == null ? new String[0] : indexStat[1].split(" ");
                if (figures.length < 2) {
                    continue;
                }
                long indexRows = Long.parseLong(figures[0]);
                long perValue = Long.parseLong(figures[1]);
                String leading = queryStrings(connection, "SELECT name FROM " + schema + ".pragma_index_info(?) WHERE seqno = 0",
                        indexStat[0]).stream().findFirst().orElse(null);
                if (leading != null && perValue > 0 && table.columnIndex(leading) >= 0) {
                    columns.putIfAbsent(leading, ColumnStatistics.of(leading,
                            OptionalLong.of(Math.max(1, indexRows / perValue)), OptionalDouble.empty()));
                }
            }
        } else if (databaseBytes(connection, schema) <= COUNTED_DATABASE_BYTES) {
            List<String> count = queryStrings(connection, "SELECT COUNT(*) FROM " + schema + "." + quote(table.name()));
            rows = OptionalLong.of(Long.parseLong(count.getFirst()));
        }
        if (rows.isEmpty() && columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableStatistics(table.schema(), table.name(), rows, List.copyOf(columns.values())));
    }

    private static long databaseBytes(Connection connection, String quotedSchema) throws SQLException {
        long pages = Long.parseLong(queryStrings(connection, "PRAGMA " + quotedSchema + ".page_count").getFirst());
        long pageSize = Long.parseLong(queryStrings(connection, "PRAGMA " + quotedSchema + ".page_size").getFirst());
        return pages * pageSize;
    }
}
