package io.junction.connector.duckdb;

import io.junction.connector.SourceConfig;
import io.junction.connector.TableInfo;
import io.junction.connector.jdbc.JdbcColumn;
import io.junction.connector.jdbc.JdbcColumnReader;
import io.junction.connector.jdbc.JdbcConnectionSource;
import io.junction.connector.jdbc.JdbcConnector;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Properties;

/** A DuckDB database file; each of its schemas is a schema in Junction. */
public final class DuckDbConnector extends JdbcConnector {
    public DuckDbConnector(SourceConfig config) {
        super(config, DuckDbDialect.INSTANCE, requireDatabasePath(config), false);
    }

    @Override
    protected JdbcConnectionSource openConnectionSource() throws SQLException {
        checkDatabaseFileExists();
        Properties properties = new Properties();
        // Without it the driver materialises the whole result before the first row is read.
        properties.setProperty("jdbc_stream_results", "true");
        if (options.readOnly()) {
            properties.setProperty("duckdb.read_only", "true");
        }
        return new DuckDbConnectionSource("jdbc:duckdb:" + config.path(), properties);
    }

    @Override
    protected JdbcColumnReader columnReader(JunctionType type) {
        return switch (type.kind()) {
            case DECIMAL -> new DuckDbDecimalColumnReader(type);
            case TIME -> new DuckDbTimeColumnReader();
            default -> super.columnReader(type);
        };
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
        return queryStrings(connection, """
                SELECT schema_name FROM duckdb_schemas()
                WHERE database_name = current_database() AND schema_name NOT IN ('information_schema', 'pg_catalog')
                ORDER BY schema_name""");
    }

    @Override
    protected List<TableInfo> loadTables(Connection connection, String schema) throws SQLException {
        List<TableInfo> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT table_name, 'TABLE' FROM duckdb_tables()
                WHERE database_name = current_database() AND schema_name = ? AND NOT internal
                UNION ALL
                SELECT view_name, 'VIEW' FROM duckdb_views()
                WHERE database_name = current_database() AND schema_name = ? AND NOT internal
                ORDER BY 1""")) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableInfo(schema, rs.getString(1), TableInfo.Kind.valueOf(rs.getString(2))));
                }
            }
        }
        return tables;
    }

    @Override
    protected List<JdbcColumn> loadColumns(Connection connection, String schema, String table) throws SQLException {
        List<JdbcColumn> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT column_name, data_type, is_nullable, numeric_precision, numeric_scale FROM duckdb_columns()
                WHERE database_name = current_database() AND schema_name = ? AND table_name = ?
                ORDER BY column_index""")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String dataType = rs.getString(2);
                    String base = dataType.toUpperCase(Locale.ROOT);
                    if (base.startsWith("DECIMAL(") || base.startsWith("ENUM(") || base.startsWith("VARCHAR(")) {
                        base = base.substring(0, base.indexOf('('));
                    }
                    int precision = JdbcColumn.UNDECLARED;
                    int scale = JdbcColumn.UNDECLARED;
                    if (base.equals("DECIMAL")) {
                        precision = rs.getInt(4);
                        scale = rs.getInt(5);
                    }
                    columns.add(new JdbcColumn(rs.getString(1), dataType, base, rs.getBoolean(3), precision, scale));
                }
            }
        }
        return columns;
    }

    @Override
    protected JunctionType mapType(JdbcColumn column) {
        return DuckDbTypeMapping.map(column);
    }

    @Override
    protected List<String> loadPrimaryKey(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT constraint_column_names FROM duckdb_constraints()
                WHERE database_name = current_database() AND schema_name = ? AND table_name = ? AND constraint_type = 'PRIMARY KEY'""")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return List.of();
                }
                Array names = rs.getArray(1);
                List<String> key = new ArrayList<>();
                for (Object name : (Object[]) names.getArray()) {
                    key.add(name.toString());
                }
                return key;
            }
        }
    }

    /** duckdb_tables().estimated_size, which DuckDB keeps current as rows are written. */
    @Override
    protected OptionalLong loadRowCountEstimate(Connection connection, String schema, String table) throws SQLException {
        List<String> size = queryStrings(connection, """
                SELECT estimated_size FROM duckdb_tables()
                WHERE database_name = current_database() AND schema_name = ? AND table_name = ?""", schema, table);
        return size.isEmpty() || size.getFirst() == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(size.getFirst()));
    }
}
