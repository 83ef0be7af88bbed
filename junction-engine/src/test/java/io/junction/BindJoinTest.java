package io.junction;

import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A small filtered side ships its join keys to the large side's source instead of fetching all of it. */
class BindJoinTest {
    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();
    @TempDir
    Path dir;

    /** Junction over this test's PostgreSQL database and {@code other}; with pushdown off, the reference answer. */
    private static Junction withPostgres(SourceConfig other, boolean pushdown) {
        return Junction.builder().source(pg.config("pg")).source(other).settings(EngineSettings.defaults().withPushdown(pushdown)).build();
    }

    private static List<List<Object>> rows(Junction junction, String sql) {
        try (QueryResult r = junction.query(sql)) {
            return r.toList();
        }
    }

    @Test
    void smallSideKeysFilterTheLargeSourceAndTheAnswerIsUnchanged() throws Exception {
        pg.execute("CREATE TABLE events (id INT PRIMARY KEY, user_id INT, kind TEXT)",
                "INSERT INTO events SELECT g, g % 5000, CASE WHEN g % 3 = 0 THEN 'buy' ELSE 'view' END FROM generate_series(1, 60000) g",
                "INSERT INTO events VALUES (60001, NULL, 'orphan')",
                "ANALYZE events");
        Path file = dir.resolve("users.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, vip INTEGER)");
            for (int i = 0; i < 40; i++) {
                s.execute("INSERT INTO users VALUES (" + i * 7 + ", 'u" + i + "', " + (i % 4 == 0 ? 1 : 0) + ")");
            }
            s.execute("INSERT INTO users VALUES (NULL, 'no id', 1)");
        }
        String sql = "SELECT u.name, e.kind, COUNT(*) AS n FROM lite.users u JOIN pg." + pg.schema() + ".events e ON e.user_id = u.id "
                + "WHERE u.vip = 1 GROUP BY u.name, e.kind";
        SourceConfig lite = SourceConfig.ofPath("lite", SourceType.SQLITE, file.toString());
        try (Junction on = withPostgres(lite, true); Junction off = withPostgres(lite, false)) {
            assertThat(on.explain(sql)).contains("BindScan[pg", "CollectKeys", "IN (SELECT * FROM unnest(<keys>::int8[]))");
            List<List<Object>> expected = rows(off, sql);
            try (QueryResult r = on.query(sql)) {
                List<List<Object>> actual = r.toList();
                assertThat(actual).containsExactlyInAnyOrderElementsOf(expected).isNotEmpty();
                long joinedRows = actual.stream().mapToLong(row -> (Long) row.get(2)).sum();
                var pgStatements = r.sourceStatements().stream().filter(s -> s.source().equals("pg")).toList();
                assertThat(pgStatements).hasSize(1);
                // the integer keys travel as one array literal's text, not a constructor of literals
                assertThat(pgStatements.get(0).statement()).containsPattern("IN \\(SELECT \\* FROM unnest\\('\\{0,28,[0-9,]+}' ?::int8\\[]\\)\\)");
                // each fetched event joins exactly one VIP user: only the matching rows left PostgreSQL, not all 60,001
                // (grouping them there first is estimated to reduce them too little: PartialAggregation)
                assertThat(pgStatements.get(0).rows()).isEqualTo(joinedRows).isLessThan(1000);
            }
        }
    }

    @Test
    void textKeysWithQuotesBracesAndTheWordNullTravelIntactInTheKeyArray() throws Exception {
        List<String> awkward = List.of("a'b", "c\"d", "e\\f", "{g,h}", "NULL", " spaced ", "", "x;--y", "ü");
        pg.execute("CREATE TABLE labels (k TEXT, n INT)",
                "INSERT INTO labels SELECT 'k' || g, g FROM generate_series(1, 20000) g");
        try (Connection c = pg.connect(); var insert = c.prepareStatement("INSERT INTO " + pg.schema() + ".labels VALUES (?, ?)")) {
            for (int i = 0; i < awkward.size(); i++) {
                insert.setString(1, awkward.get(i));
                insert.setInt(2, -i);
                insert.executeUpdate();
            }
            // the same text with other case or blanks must not match
            insert.setString(1, "null");
            insert.setInt(2, 1000);
            insert.executeUpdate();
            insert.setString(1, "spaced");
            insert.setInt(2, 1001);
            insert.executeUpdate();
        }
        pg.execute("ANALYZE labels");
        Path file = dir.resolve("keys.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE wanted (k TEXT)");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); var insert = c.prepareStatement("INSERT INTO wanted VALUES (?)")) {
            for (String k : awkward) {
                insert.setString(1, k);
                insert.executeUpdate();
            }
            insert.setString(1, "k77");
            insert.executeUpdate();
        }
        String sql = "SELECT w.k, l.n FROM lite.wanted w JOIN pg." + pg.schema() + ".labels l ON l.k = w.k";
        SourceConfig lite = SourceConfig.ofPath("lite", SourceType.SQLITE, file.toString());
        try (Junction on = withPostgres(lite, true); Junction off = withPostgres(lite, false)) {
            assertThat(on.explain(sql)).contains("BindScan[pg", "IN (SELECT * FROM unnest(<keys>::text[]))");
            List<List<Object>> expected = rows(off, sql);
            assertThat(expected).hasSize(awkward.size() + 1);
            try (QueryResult r = on.query(sql)) {
                assertThat(r.toList()).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(r.sourceStatements()).filteredOn(st -> st.source().equals("pg")).singleElement()
                        .satisfies(st -> assertThat(st.statement()).contains("IN (SELECT * FROM unnest(ARRAY["));
            }
        }
    }

    @Test
    void dateAndDecimalKeysTravelAsOneArrayLiteralAndMatchAsTheColumnsCompare() throws Exception {
        pg.execute("CREATE TABLE payments (id INT PRIMARY KEY, paid_on DATE, amount NUMERIC(10,2))",
                "INSERT INTO payments SELECT g, DATE '1999-01-01' + (g % 2000), ((g % 4000) - 2000) / 4.0 FROM generate_series(1, 40000) g",
                "INSERT INTO payments VALUES (40001, NULL, NULL), (40002, DATE '0001-01-01', 0.01), (40003, DATE '9999-12-31', -0.01)",
                "ANALYZE payments");
        Path duck = dir.resolve("wanted.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duck); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE wanted (d DATE, amount DECIMAL(10,2))");
            s.execute("INSERT INTO wanted VALUES (DATE '1999-12-31', -499.75), (DATE '2000-01-01', 0.50), (DATE '2000-02-29', 12.00),"
                    + " (DATE '0001-01-01', 0.01), (DATE '9999-12-31', -0.01), (DATE '1998-06-01', 7.25), (NULL, NULL)");
        }
        SourceConfig duckSource = new SourceConfig("duck", SourceType.DUCKDB, null, null, null, duck.toString(), Map.of());
        try (Junction on = withPostgres(duckSource, true); Junction off = withPostgres(duckSource, false)) {
            // each join condition with the one array literal its statement must carry
            Map<String, String> keyArrays = Map.of(
                    "paid_on = w.d", "'{1999-12-31,2000-01-01,2000-02-29,0001-01-01,9999-12-31,1998-06-01}'::date[]",
                    "amount = w.amount", "'{-499.75,0.50,12.00,0.01,-0.01,7.25}'::numeric[]");
            for (Map.Entry<String, String> column : keyArrays.entrySet()) {
                String sql = "SELECT p.id, p.paid_on, p.amount FROM duck.wanted w JOIN pg." + pg.schema() + ".payments p ON p." + column.getKey();
                assertThat(on.explain(sql)).contains("BindScan[pg");
                List<List<Object>> expected = rows(off, sql);
                assertThat(expected).hasSizeGreaterThan(6);
                try (QueryResult r = on.query(sql)) {
                    assertThat(r.toList()).containsExactlyInAnyOrderElementsOf(expected);
                    assertThat(r.sourceStatements()).filteredOn(st -> st.source().equals("pg")).singleElement()
                            .satisfies(st -> assertThat(st.statement().replace("' ::", "'::")).contains(column.getValue()));
                }
            }
        }
    }

    @Test
    void aJoinAboveABoundScanAddsItsKeysToTheSameStatement() throws Exception {
        pg.execute("CREATE TABLE sales (id INT PRIMARY KEY, store_id INT, product_id INT, qty INT)",
                "INSERT INTO sales SELECT g, g % 2000, CASE WHEN g % 97 = 0 THEN NULL ELSE (g / 7) % 3000 END, g % 10 FROM generate_series(1, 60000) g",
                "ANALYZE sales");
        Path file = dir.resolve("dims.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE stores (id INTEGER, region TEXT)");
            s.execute("CREATE TABLE products (id INTEGER, line TEXT)");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999) "
                    + "INSERT INTO products SELECT i, CASE WHEN i % 20 = 3 THEN 'toys' ELSE 'other' END FROM n");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999) "
                    + "INSERT INTO stores SELECT i, CASE WHEN i % 10 = 4 THEN 'north' ELSE 'south' END FROM n");
            s.execute("INSERT INTO products VALUES (NULL, 'toys')");
        }
        String sql = "SELECT st.id AS store, SUM(x.qty) AS qty, COUNT(*) AS n FROM pg." + pg.schema() + ".sales x "
                + "JOIN lite.stores st ON x.store_id = st.id JOIN lite.products p ON x.product_id = p.id "
                + "WHERE st.region = 'north' AND p.line = 'toys' GROUP BY st.id";
        SourceConfig lite = SourceConfig.ofPath("lite", SourceType.SQLITE, file.toString());
        try (Junction on = withPostgres(lite, true); Junction off = withPostgres(lite, false)) {
            assertThat(on.explain(sql)).contains("BindScan[pg", "(keys of a join above)");
            List<List<Object>> expected = rows(off, sql);
            assertThat(expected).hasSizeGreaterThan(10);
            try (QueryResult r = on.query(sql)) {
                List<List<Object>> actual = r.toList();
                assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
                long joinedRows = actual.stream().mapToLong(row -> (Long) row.get(2)).sum();
                // one statement filtered by both the stores' and the products' keys: only rows that join both leave PostgreSQL
                assertThat(r.sourceStatements()).filteredOn(st -> st.source().equals("pg")).singleElement().satisfies(st -> {
                    assertThat(st.statement().split("unnest\\(", -1)).hasSize(3);
                    assertThat(st.rows()).isEqualTo(joinedRows);
                });
            }
        }
    }
}
