package io.junction.connector.bench;

import io.junction.connector.Connector;
import io.junction.connector.Connectors;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceQuery;
import io.junction.connector.SourceType;
import io.junction.connector.TableMetadata;
import io.junction.connector.TestDatabases;
import io.junction.types.ColumnMetadata;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How fast Junction fetches from PostgreSQL and MariaDB, next to the ceiling each database's own client reaches
 * in the same run (psql {@code \copy (SELECT …) to /dev/null}; {@code mariadb --quick -e "SELECT …" > /dev/null}).
 * Two tables per source in schema/database {@code junction_bench}: {@code ints} (one integer column) and
 * {@code lineitem} (TPC-H's 16 lineitem columns with generated values), created on the first run and reused.
 * Junction reads them with 1 connection (one statement) and with 2 and 4 (split scans), best of three runs.
 *
 * <p>Run (not part of the test suite), from the repository root after {@code mvn -o install -DskipTests}:
 * <pre>
 * mvn -q -o -pl junction-core,junction-connector install -DskipTests && mvn -q -o -pl junction-connector dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test && \
 *   java -cp "junction-connector/target/test-classes:junction-connector/target/classes:junction-core/target/classes:$(cat junction-connector/target/bench.classpath)" io.junction.connector.bench.FetchBenchmark [postgres|mariadb|all [rows]]
 * </pre>
 */
public final class FetchBenchmark {
    private static final String SCHEMA = "junction_bench";
    private static final int RUNS = 3;

    private FetchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 3_000_000;
        if (which.equals("all") || which.equals("postgres")) {
            postgres(rows);
        }
        if (which.equals("all") || which.equals("mariadb")) {
            mariadb(rows);
        }
    }

    private static void postgres(long rows) throws Exception {
        String adminUrl = TestDatabases.pgUrl();
        try (Connection c = DriverManager.getConnection(adminUrl, TestDatabases.pgUser(), TestDatabases.pgPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            if (count(s, "SELECT count(*) FROM pg_tables WHERE schemaname = '" + SCHEMA + "' AND tablename = 'lineitem'") == 0
                    || count(s, "SELECT count(*) FROM " + SCHEMA + ".lineitem") != rows) {
                long start = System.nanoTime();
                s.execute("DROP TABLE IF EXISTS " + SCHEMA + ".lineitem, " + SCHEMA + ".ints");
                s.execute("CREATE TABLE " + SCHEMA + ".ints (v integer)");
                s.execute("INSERT INTO " + SCHEMA + ".ints SELECT g FROM generate_series(1, " + rows + ") g");
                s.execute("""
                        CREATE TABLE %s.lineitem (l_orderkey bigint, l_partkey integer, l_suppkey integer, l_linenumber integer,
                          l_quantity numeric(15,2), l_extendedprice numeric(15,2), l_discount numeric(15,2), l_tax numeric(15,2),
                          l_returnflag char(1), l_linestatus char(1), l_shipdate date, l_commitdate date, l_receiptdate date,
                          l_shipinstruct char(25), l_shipmode char(10), l_comment varchar(44))""".formatted(SCHEMA));
                s.execute(("INSERT INTO %s.lineitem SELECT g / 4 + 1, (g::bigint * 7919) %% 200000 + 1, (g::bigint * 104729) %% 10000 + 1, g %% 7 + 1, "
                        + "(g %% 50 + 1)::numeric(15,2), ((g %% 9973) * 10.37 + 901)::numeric(15,2), ((g %% 11) / 100.0)::numeric(15,2), "
                        + "((g %% 9) / 100.0)::numeric(15,2), (ARRAY['A','N','R'])[g %% 3 + 1], (ARRAY['F','O'])[g %% 2 + 1], "
                        + "date '1992-01-02' + (g %% 2526)::int, date '1992-01-31' + (g %% 2466)::int, date '1992-01-03' + (g %% 2554)::int, "
                        + "(ARRAY['DELIVER IN PERSON','COLLECT COD','NONE','TAKE BACK RETURN'])[g %% 4 + 1], "
                        + "(ARRAY['REG AIR','AIR','RAIL','SHIP','TRUCK','MAIL','FOB'])[g %% 7 + 1], "
                        + "substr(md5(g::text) || ' furiously regular deposits', 1, 10 + g %% 34) FROM generate_series(1, %d) g")
                        .formatted(SCHEMA, rows));
                s.execute("VACUUM ANALYZE " + SCHEMA + ".ints, " + SCHEMA + ".lineitem");
                System.out.printf(Locale.ROOT, "postgres: loaded %,d rows per table in %.1f s%n", rows, seconds(start));
            }
        }
        SourceConfig config = new SourceConfig("pg", SourceType.POSTGRESQL, adminUrl, TestDatabases.pgUser(), TestDatabases.pgPassword(),
                null, Map.of("pool_size", 4));
        SourceConfig jdbcConfig = new SourceConfig("pgjdbc", SourceType.POSTGRESQL, adminUrl, TestDatabases.pgUser(), TestDatabases.pgPassword(),
                null, Map.of("pool_size", 4, "binary_copy", false));
        try (Connector connector = Connectors.create(config); Connector jdbc = Connectors.create(jdbcConfig)) {
            for (String table : List.of("ints", "lineitem")) {
                TableMetadata metadata = connector.table(SCHEMA, table).orElseThrow();
                String select = "SELECT " + String.join(", ", metadata.columns().stream().map(ColumnMetadata::name).toList())
                        + " FROM " + SCHEMA + "." + table;
                double ceiling = best(() -> run("psql", "-h", "127.0.0.1", "-U", TestDatabases.pgUser(), "-d", database(adminUrl),
                        "-c", "\\copy (" + select + ") to /dev/null"));
                report("postgres", table, "psql \\copy (ceiling)", rows, ceiling, ceiling);
                report("postgres", table, "JDBC result set, 1 connection", rows, best(() -> fetch(jdbc, scan(metadata), rows)), ceiling);
                report("postgres", table, "binary COPY, 1 connection", rows, best(() -> fetch(connector, scan(metadata), rows)), ceiling);
                for (int parts : new int[] {2, 4}) {
                    SourceQuery split = connector.splitScan(scan(metadata), null, parts).orElseThrow();
                    report("postgres", table, "binary COPY, ctid split, " + parts + " connections", rows, best(() -> fetch(connector, split, rows)), ceiling);
                }
            }
        }
    }

    private static void mariadb(long rows) throws Exception {
        String url = TestDatabases.mysqlUrl();
        try (Connection c = DriverManager.getConnection(url, TestDatabases.mysqlUser(), emptyToNull(TestDatabases.mysqlPassword()));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
            if (count(s, "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + SCHEMA + "' AND TABLE_NAME = 'lineitem'") == 0
                    || count(s, "SELECT count(*) FROM " + SCHEMA + ".lineitem") != rows) {
                long start = System.nanoTime();
                s.execute("DROP TABLE IF EXISTS " + SCHEMA + ".lineitem, " + SCHEMA + ".ints");
                s.execute("CREATE TABLE " + SCHEMA + ".ints (v integer PRIMARY KEY)");
                s.execute("INSERT INTO " + SCHEMA + ".ints SELECT seq FROM seq_1_to_" + rows);
                s.execute("""
                        CREATE TABLE %s.lineitem (l_id bigint PRIMARY KEY, l_orderkey bigint, l_partkey integer, l_suppkey integer,
                          l_linenumber integer, l_quantity decimal(15,2), l_extendedprice decimal(15,2), l_discount decimal(15,2),
                          l_tax decimal(15,2), l_returnflag char(1), l_linestatus char(1), l_shipdate date, l_commitdate date,
                          l_receiptdate date, l_shipinstruct char(25), l_shipmode char(10), l_comment varchar(44))""".formatted(SCHEMA));
                s.execute(("INSERT INTO %s.lineitem SELECT seq, seq DIV 4 + 1, (seq * 7919) %% 200000 + 1, (seq * 104729) %% 10000 + 1, "
                        + "seq %% 7 + 1, seq %% 50 + 1, (seq %% 9973) * 10.37 + 901, (seq %% 11) / 100, (seq %% 9) / 100, "
                        + "ELT(seq %% 3 + 1, 'A', 'N', 'R'), ELT(seq %% 2 + 1, 'F', 'O'), DATE '1992-01-02' + INTERVAL seq %% 2526 DAY, "
                        + "DATE '1992-01-31' + INTERVAL seq %% 2466 DAY, DATE '1992-01-03' + INTERVAL seq %% 2554 DAY, "
                        + "ELT(seq %% 4 + 1, 'DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'), "
                        + "ELT(seq %% 7 + 1, 'REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'), "
                        + "SUBSTR(CONCAT(MD5(seq), ' furiously regular deposits'), 1, 10 + seq %% 34) FROM seq_1_to_%d").formatted(SCHEMA, rows));
                s.execute("ANALYZE TABLE " + SCHEMA + ".ints, " + SCHEMA + ".lineitem");
                System.out.printf(Locale.ROOT, "mariadb: loaded %,d rows per table in %.1f s%n", rows, seconds(start));
            }
        }
        String baseUrl = url.substring(0, url.lastIndexOf('/')) + "/" + SCHEMA;
        SourceConfig config = new SourceConfig("maria", SourceType.MYSQL, baseUrl, TestDatabases.mysqlUser(), TestDatabases.mysqlPassword(),
                null, Map.of("pool_size", 4));
        try (Connector connector = Connectors.create(config)) {
            for (String table : List.of("ints", "lineitem")) {
                TableMetadata metadata = connector.table(SCHEMA, table).orElseThrow();
                String select = "SELECT " + String.join(", ", metadata.columns().stream().map(ColumnMetadata::name).toList())
                        + " FROM " + SCHEMA + "." + table;
                double ceiling = best(() -> run("mariadb", "-h", "127.0.0.1", "-u", TestDatabases.mysqlUser(), "--quick", "-e", select));
                report("mariadb", table, "mariadb --quick (ceiling)", rows, ceiling, ceiling);
                report("mariadb", table, "result set, 1 connection", rows, best(() -> fetch(connector, scan(metadata), rows)), ceiling);
                for (int parts : new int[] {2, 4}) {
                    SourceQuery split = connector.splitScan(scan(metadata), null, parts).orElseThrow();
                    report("mariadb", table, "key-range split, " + parts + " connections", rows, best(() -> fetch(connector, split, rows)), ceiling);
                }
            }
        }
    }

    private static SourceQuery.Scan scan(TableMetadata table) {
        int[] columns = IntStream.range(0, table.columns().size()).toArray();
        return new SourceQuery.Scan(table, columns, table.columns().stream().map(ColumnMetadata::type).toList());
    }

    /** Seconds to read every batch of {@code query}; fails unless exactly {@code rows} rows arrive. */
    private static double fetch(Connector connector, SourceQuery query, long rows) {
        long start = System.nanoTime();
        long seen = 0;
        try (BatchStream stream = connector.execute(query)) {
            for (Batch b = stream.next(); b != null; b = stream.next()) {
                seen += b.rowCount();
            }
        }
        if (seen != rows) {
            throw new IllegalStateException("read " + seen + " rows, expected " + rows);
        }
        return seconds(start);
    }

    private static double run(String... command) {
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return seconds(start);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Timed {
        double seconds() throws Exception;
    }

    private static double best(Timed timed) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            best = Math.min(best, timed.seconds());
        }
        return best;
    }

    private static void report(String source, String table, String how, long rows, double seconds, double ceilingSeconds) {
        System.out.printf(Locale.ROOT, "%-8s %-8s %-44s %7.2f s %12s rows/s  %4.0f%% of ceiling%n", source, table, how, seconds,
                String.format(Locale.ROOT, "%,d", (long) (rows / seconds)), 100 * ceilingSeconds / seconds);
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String database(String url) {
        String rest = url.substring(url.indexOf("//") + 2);
        String path = rest.substring(rest.indexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
