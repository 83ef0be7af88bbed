package io.junction.tpch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The federated placement of the TPC-H tables that Junction is measured on: the large, fact-like
 * tables in PostgreSQL, the customer/supplier dimension tables in MariaDB.
 */
public final class TpchSplit {
    public static final List<String> POSTGRES_TABLES = List.of("part", "partsupp", "orders", "lineitem");
    public static final List<String> MARIADB_TABLES = List.of("region", "nation", "supplier", "customer");

    private TpchSplit() {
    }

    public static List<TpchTableLayout> postgresTables() {
        return POSTGRES_TABLES.stream().map(TpchTableLayout::of).toList();
    }

    public static List<TpchTableLayout> mariaDbTables() {
        return MARIADB_TABLES.stream().map(TpchTableLayout::of).toList();
    }

    /**
     * Names as Junction sees the split: {@code <pgSource>.<pgSchema>.lineitem} for the PostgreSQL
     * tables and {@code <mariaSource>.customer} (the source's default database) for the MariaDB ones.
     */
    public static Map<String, String> federatedNames(String pgSource, String pgSchema, String mariaSource) {
        Map<String, String> names = new LinkedHashMap<>();
        POSTGRES_TABLES.forEach(t -> names.put(t, pgSource + "." + pgSchema + "." + t));
        MARIADB_TABLES.forEach(t -> names.put(t, mariaSource + "." + t));
        return names;
    }

    /** Names of all eight tables in one schema, for running the queries inside a single database. */
    public static Map<String, String> singleSchemaNames(String schema) {
        return names(t -> schema == null ? t : schema + "." + t);
    }

    private static Map<String, String> names(Function<String, String> naming) {
        Map<String, String> names = new LinkedHashMap<>();
        TpchTableLayout.all().forEach(t -> names.put(t.name(), naming.apply(t.name())));
        return names;
    }
}
