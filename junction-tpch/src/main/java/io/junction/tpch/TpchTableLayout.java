package io.junction.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchTable;

import java.util.List;
import java.util.Set;

/**
 * One TPC-H table as it is declared in a database: the column types of the TPC-H specification
 * (identifiers as INTEGER, money and quantities as DECIMAL(15,2), dates as DATE, fixed-width text as
 * CHAR and the rest as VARCHAR, with the generator's lengths) and its primary key.
 */
public record TpchTableLayout(String name, TpchTable<?> generatorTable, List<Column> columns, List<String> primaryKey) {

    /** A column with the SQL type it is declared with (the same spelling works in PostgreSQL, MariaDB and DuckDB). */
    public record Column(String name, String sqlType) {
    }

    /** The columns the specification declares as fixed-length text (CHAR); all other text columns are VARCHAR. */
    private static final Set<String> FIXED_TEXT = Set.of(
            "p_mfgr", "p_brand", "p_container",
            "s_name", "s_phone",
            "c_phone", "c_mktsegment",
            "o_orderstatus", "o_orderpriority", "o_clerk",
            "l_returnflag", "l_linestatus", "l_shipinstruct", "l_shipmode",
            "n_name", "r_name");

    private static final List<String> NAMES = List.of("region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem");

    /** All eight tables, dimensions first. */
    public static List<TpchTableLayout> all() {
        return NAMES.stream().map(TpchTableLayout::of).toList();
    }

    /**
     * About how many rows the generator makes at {@code scaleFactor}, for progress displays: exact for
     * all tables but lineitem, whose orders have one to seven lines (four on average).
     */
    public long expectedRows(double scaleFactor) {
        return switch (name) {
            case "region" -> 5;
            case "nation" -> 25;
            default -> Math.max(1, Math.round(scaleFactor * switch (name) {
                case "supplier" -> 10_000;
                case "customer" -> 150_000;
                case "part" -> 200_000;
                case "partsupp" -> 800_000;
                case "orders" -> 1_500_000;
                case "lineitem" -> 6_000_000;
                default -> throw new IllegalStateException("not a TPC-H table: " + name);
            }));
        };
    }

    public static TpchTableLayout of(String name) {
        TpchTable<?> table = TpchTable.getTable(name);
        List<Column> columns = table.getColumns().stream()
                .map(c -> new Column(c.getColumnName(), sqlType(c)))
                .toList();
        return new TpchTableLayout(name, table, columns, primaryKeyOf(name));
    }

    private static List<String> primaryKeyOf(String table) {
        return switch (table) {
            case "region" -> List.of("r_regionkey");
            case "nation" -> List.of("n_nationkey");
            case "supplier" -> List.of("s_suppkey");
            case "customer" -> List.of("c_custkey");
            case "part" -> List.of("p_partkey");
            case "partsupp" -> List.of("ps_partkey", "ps_suppkey");
            case "orders" -> List.of("o_orderkey");
            case "lineitem" -> List.of("l_orderkey", "l_linenumber");
            default -> throw new IllegalArgumentException("not a TPC-H table: " + table);
        };
    }

    private static String sqlType(TpchColumn<?> column) {
        TpchColumnType type = column.getType();
        return switch (type.getBase()) {
            case IDENTIFIER, INTEGER -> "INTEGER";
            // The generator's DOUBLE columns are the specification's decimals; their identifier form is the
            // value in hundredths, which is what gets loaded, so they are exact.
            case DOUBLE -> "DECIMAL(15,2)";
            case DATE -> "DATE";
            case VARCHAR -> (FIXED_TEXT.contains(column.getColumnName()) ? "CHAR(" : "VARCHAR(") + type.getPrecision().orElseThrow() + ")";
        };
    }

    /** {@code CREATE TABLE} without constraints; {@code qualifiedName} as the target database needs it. */
    public String createTable(String qualifiedName, boolean withPrimaryKey) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualifiedName).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sql.append(i == 0 ? "" : ", ").append(c.name()).append(' ').append(c.sqlType()).append(" NOT NULL");
        }
        if (withPrimaryKey) {
            sql.append(", PRIMARY KEY (").append(String.join(", ", primaryKey)).append(')');
        }
        return sql.append(')').toString();
    }

    public String addPrimaryKey(String qualifiedName) {
        return "ALTER TABLE " + qualifiedName + " ADD PRIMARY KEY (" + String.join(", ", primaryKey) + ")";
    }
}
