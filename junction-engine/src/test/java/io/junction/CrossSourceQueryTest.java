package io.junction;

import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries joining PostgreSQL, MariaDB and SQLite tables must return exactly what the same query
 * returns inside PostgreSQL with all three tables loaded there. Runs with pushdown on and off, and with
 * pushdown off and spilling forced (every hash join, aggregate and sort goes through its disk path).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossSourceQueryTest {
    private static final String[] COUNTRIES = {"DE", "FR", "CH", "JP", "US", null};
    private static final String[] NAMES = {"Zoë", "Jürgen", "Åsa", "李雷", "O'Brien", "Ана", "Ömer", "Chloé", "Bob", "alice"};
    private static final String[] CATEGORIES = {"tools", "toys", "food", "books"};

    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases reference = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases maria = TestDatabases.mariadb();
    private Path sqliteFile;
    private Junction junction;
    private Junction junctionNoPushdown;
    private Junction junctionSpilling;
    private Path spillDirectory;

    @BeforeAll
    void setUp() throws Exception {
        sqliteFile = Files.createTempFile("junction-cross", ".db");

        try (Connection p = pg.connect(); Connection r = reference.connect(); Connection m = maria.connect();
             Connection s = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile)) {
            exec(m, "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40) CHARACTER SET utf8mb4, country CHAR(2), signup DATE, vip BOOLEAN)");
            exec(r, "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40), country CHAR(2), signup DATE, vip BOOLEAN)");
            exec(p, "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, product_id INT, quantity INT, amount NUMERIC(12,2), ordered_at TIMESTAMP, note TEXT)");
            exec(r, "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, product_id INT, quantity INT, amount NUMERIC(12,2), ordered_at TIMESTAMP, note TEXT)");
            exec(s, "CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, category TEXT, price DECIMAL(10,2))");
            exec(r, "CREATE TABLE products (id INT PRIMARY KEY, name TEXT, category TEXT, price NUMERIC(10,2))");

            Random rnd = new Random(42);
            for (Connection c : List.of(m, r)) {
                insert(c, "INSERT INTO customers VALUES (?,?,?,?,?)", 60, i -> new Object[]{
                        i, NAMES[i % NAMES.length] + " " + i, COUNTRIES[i % COUNTRIES.length],
                        i % 7 == 0 ? null : java.sql.Date.valueOf(LocalDate.of(2020, 1, 1).plusDays(i * 17L)),
                        i % 5 == 0 ? null : i % 2 == 0});
            }
            List<Object[]> orders = new ArrayList<>();
            for (int i = 1; i <= 500; i++) {
                Integer customer = i % 11 == 0 ? null : rnd.nextInt(70); // some ids have no customer
                orders.add(new Object[]{i, customer, 1 + rnd.nextInt(25), 1 + rnd.nextInt(9),
                        i % 13 == 0 ? null : BigDecimal.valueOf(rnd.nextInt(100_000), 2),
                        java.sql.Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(rnd.nextInt(500_000)).plusNanos(123_456_000L * (i % 3))),
                        i % 4 == 0 ? null : "note ✓ " + (i % 9)});
            }
            for (Connection c : List.of(p, r)) {
                insert(c, "INSERT INTO orders VALUES (?,?,?,?,?,?,?)", orders.size(), i -> orders.get(i));
            }
            for (Connection c : List.of(s, r)) {
                insert(c, "INSERT INTO products VALUES (?,?,?,?)", 20, i -> new Object[]{
                        i + 1, "Produkt " + (char) ('A' + i) + (i % 3 == 0 ? " größer" : ""), CATEGORIES[i % CATEGORIES.length],
                        i % 6 == 5 ? null : BigDecimal.valueOf(199 + i * 1250L, 2)});
            }
            exec(r, "ANALYZE");
        }
        junction = open(EngineSettings.defaults());
        junctionNoPushdown = open(EngineSettings.defaults().withPushdown(false));
        spillDirectory = Files.createTempDirectory("junction-cross-spill");
        junctionSpilling = open(EngineSettings.defaults().withPushdown(false).withForceSpill(true).withSpillDirectory(spillDirectory));
    }

    private Junction open(EngineSettings settings) {
        return Junction.builder()
                .source(pg.config("pg"))
                .source(maria.config("shop"))
                .source(SourceConfig.ofPath("lite", SourceType.SQLITE, sqliteFile.toString()))
                .settings(settings)
                .build();
    }

    @AfterAll
    void tearDown() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{junction, junctionNoPushdown, junctionSpilling}) {
            if (c != null) {
                c.close();
            }
        }
        Files.deleteIfExists(sqliteFile);
        if (spillDirectory != null) {
            assertThat(spillDirectory).as("spill files left behind").isEmptyDirectory();
            Files.delete(spillDirectory);
        }
    }

    /** Queries over {orders} (PostgreSQL), {customers} (MariaDB) and {products} (SQLite). */
    static Stream<String> queries() {
        return Stream.of(
                "SELECT o.id, c.name, o.amount FROM {orders} o JOIN {customers} c ON o.customer_id = c.id WHERE o.amount > 500 AND c.country = 'DE'",
                "SELECT o.id, c.name, p.name AS product, o.quantity * p.price AS total FROM {orders} o JOIN {customers} c ON o.customer_id = c.id JOIN {products} p ON p.id = o.product_id WHERE p.category = 'toys'",
                "SELECT o.id, o.customer_id, c.name FROM {orders} o LEFT JOIN {customers} c ON o.customer_id = c.id WHERE o.id < 60",
                "SELECT c.country, COUNT(*) AS n, SUM(o.amount) AS total, MIN(o.amount) AS lo, MAX(o.amount) AS hi FROM {orders} o JOIN {customers} c ON o.customer_id = c.id GROUP BY c.country",
                "SELECT c.country, COUNT(o.amount) AS priced FROM {orders} o JOIN {customers} c ON o.customer_id = c.id GROUP BY c.country HAVING COUNT(*) > 70",
                "SELECT o.id, o.amount, c.name FROM {orders} o JOIN {customers} c ON o.customer_id = c.id ORDER BY o.amount DESC, o.id LIMIT 10",
                "SELECT c.name, c.signup, o.ordered_at FROM {customers} c JOIN {orders} o ON o.customer_id = c.id WHERE c.signup >= DATE '2021-06-01' AND o.ordered_at < TIMESTAMP '2024-03-01 00:00:00'",
                "SELECT c.name, o.note FROM {customers} c JOIN {orders} o ON o.customer_id = c.id WHERE c.name LIKE 'J%rgen%' OR c.name LIKE '李%'",
                "SELECT p.category, SUM(o.quantity * p.price) AS revenue, COUNT(DISTINCT o.customer_id) AS buyers FROM {orders} o JOIN {products} p ON o.product_id = p.id GROUP BY p.category",
                "SELECT c.country, MIN(o.ordered_at) AS first_order, MAX(o.ordered_at) AS last_order FROM {orders} o JOIN {customers} c ON c.id = o.customer_id GROUP BY c.country",
                "SELECT c.id, c.name FROM {customers} c WHERE c.country IN ('FR', 'JP') AND c.id IN (SELECT o.customer_id FROM {orders} o WHERE o.amount > 900)",
                "SELECT name FROM {customers} WHERE vip UNION ALL SELECT name FROM {products} WHERE price < 50",
                "SELECT category FROM {products} UNION SELECT country FROM {customers}",
                "SELECT c.country, ROUND(AVG(o.amount), 2) AS avg_amount FROM {orders} o JOIN {customers} c ON o.customer_id = c.id GROUP BY c.country",
                "SELECT o.id, CASE WHEN o.amount IS NULL THEN 'unpriced' WHEN o.amount > p.price * 50 THEN 'big' ELSE 'small' END AS size FROM {orders} o JOIN {products} p ON p.id = o.product_id WHERE o.id BETWEEN 100 AND 180",
                "SELECT c.name, o.id FROM {customers} c LEFT JOIN {orders} o ON o.customer_id = c.id AND o.quantity > 7 WHERE c.id < 20",
                "SELECT c.id, c.vip, COUNT(o.id) AS orders FROM {customers} c LEFT JOIN {orders} o ON o.customer_id = c.id GROUP BY c.id, c.vip",
                "SELECT o.id, p.name FROM {orders} o JOIN {products} p ON o.product_id = p.id WHERE p.price IS NULL AND o.customer_id IS NULL",
                "SELECT c.name FROM {customers} c WHERE NOT EXISTS (SELECT 1 FROM {orders} o WHERE o.customer_id = c.id AND o.amount > 700)");
    }

    @ParameterizedTest
    @MethodSource("queries")
    void matchesPostgresWithPushdown(String query) throws SQLException {
        assertSameAsReference(junction, query);
    }

    @ParameterizedTest
    @MethodSource("queries")
    void matchesPostgresWithoutPushdown(String query) throws SQLException {
        assertSameAsReference(junctionNoPushdown, query);
    }

    @ParameterizedTest
    @MethodSource("queries")
    void matchesPostgresWithSpillingForced(String query) throws SQLException {
        assertSameAsReference(junctionSpilling, query);
        assertThat(spillDirectory).as("spill files left behind").isEmptyDirectory();
    }

    private void assertSameAsReference(Junction j, String query) throws SQLException {
        String federated = query.replace("{orders}", "pg." + pg.schema() + ".orders")
                .replace("{customers}", "shop.customers").replace("{products}", "lite.products");
        String local = query.replace("{orders}", reference.schema() + ".orders")
                .replace("{customers}", reference.schema() + ".customers").replace("{products}", reference.schema() + ".products");
        List<List<Object>> actual;
        try (QueryResult r = j.query(federated)) {
            actual = ResultNormalizer.normalize(r.toList());
        }
        List<List<Object>> expected;
        try (Connection c = reference.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(local)) {
            expected = ResultNormalizer.normalize(ResultNormalizer.read(rs));
        }
        boolean ordered = query.contains("ORDER BY");
        if (!ordered) {
            actual = ResultNormalizer.sorted(actual);
            expected = ResultNormalizer.sorted(expected);
        }
        assertThat(expected).as("reference returned rows").isNotEmpty();
        assertThat(actual).as(federated).containsExactlyElementsOf(expected);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void insert(Connection c, String sql, int rows, java.util.function.IntFunction<Object[]> row) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < rows; i++) {
                Object[] values = row.apply(i);
                for (int k = 0; k < values.length; k++) {
                    ps.setObject(k + 1, values[k]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(auto);
    }
}
