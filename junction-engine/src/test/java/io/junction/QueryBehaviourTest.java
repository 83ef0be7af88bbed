package io.junction;

import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.connector.TestDatabases;
import io.junction.error.ErrorCode;
import io.junction.error.ErrorKind;
import io.junction.error.JunctionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Single-source pushdown, streaming, and clear errors for bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryBehaviourTest {
    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();
    private Path sqliteFile;
    private Junction junction;

    @BeforeAll
    void setUp() throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            // Reading past row 1,000,000 raises division by zero: a LIMIT that does not stop the scan fails.
            s.execute("CREATE VIEW big AS SELECT g AS id, CASE WHEN g > 1000000 THEN 1 / (g - g) ELSE g END AS guarded "
                    + "FROM generate_series(1, 10000000) g");
            s.execute("CREATE VIEW slow AS SELECT 1 AS x FROM pg_sleep(30)");
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, label TEXT, price NUMERIC(8,2))");
            s.execute("INSERT INTO items VALUES (1, 'a', 1.50), (2, 'b', NULL), (3, 'c', 2.25)");
            s.execute("CREATE TABLE \"MixedCase\" (\"Id\" INT, id INT, span INTERVAL)");
            s.execute("INSERT INTO \"MixedCase\" VALUES (10, 20, INTERVAL '1 day')");
        }
        sqliteFile = Files.createTempFile("junction-behaviour", ".db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, city TEXT)");
            s.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, customer_id INTEGER, city TEXT)");
            s.execute("INSERT INTO customers VALUES (1, 'Ann', 'Oslo'), (2, 'Bo', 'Rome'), (3, 'Cy', NULL)");
            s.execute("INSERT INTO visits VALUES (1, 1, 'Oslo'), (2, 1, 'Rome'), (3, 2, 'Rome')");
        }
        junction = Junction.builder()
                .source(pg.config("pg"))
                .source(SourceConfig.ofPath("lite", SourceType.SQLITE, sqliteFile.toString()))
                .source(SourceConfig.of("down", SourceType.POSTGRESQL, "jdbc:postgresql://127.0.0.1:1/test", "postgres", null))
                .build();
    }

    @AfterAll
    void tearDown() throws Exception {
        if (junction != null) {
            junction.close();
        }
        Files.deleteIfExists(sqliteFile);
    }

    private List<List<Object>> rows(Junction j, String sql) {
        try (QueryResult r = j.query(sql)) {
            return r.toList();
        }
    }

    @Test
    void singleSourceQueryIsSentWhole() {
        String sql = "SELECT c.city, COUNT(*) AS n FROM lite.customers c JOIN lite.visits v ON v.customer_id = c.id "
                + "WHERE c.name <> 'Zed' GROUP BY c.city ORDER BY n DESC";
        String plan = junction.explain(sql);
        assertThat(plan.lines().filter(l -> l.contains("SourceScan"))).hasSize(1);
        assertThat(plan.lines().findFirst().orElseThrow()).contains("SourceScan[lite");
        assertThat(plan).contains("JOIN", "GROUP BY", "ORDER BY");
        assertThat(rows(junction, sql)).containsExactly(List.of("Oslo", 2L), List.of("Rome", 1L));
    }

    @Test
    void crossSourceQueryPushesFiltersAndColumns() {
        String sql = "SELECT c.name, i.price FROM lite.customers c JOIN pg." + pg.schema() + ".items i ON i.id = c.id WHERE i.price > 1 AND c.city = 'Oslo'";
        String plan = junction.explain(sql);
        // lite.customers is small and counted exactly, so pg.items may be read as a bind join: either way pushed
        assertThat(plan).contains("SourceScan[lite", "Scan[pg", "HashJoin");
        String pgSql = fragmentSql(plan, "pg");
        assertThat(pgSql).contains("WHERE").contains("> 1").doesNotContain("label").doesNotContain("Oslo");
        assertThat(fragmentSql(plan, "lite")).contains("WHERE", "'Oslo'").doesNotContain("price");
        assertThat(rows(junction, sql)).containsExactly(List.of("Ann", new BigDecimal("1.50")));
    }

    /** The SQL lines printed under a source's scan in an EXPLAIN. */
    private static String fragmentSql(String plan, String source) {
        List<String> lines = plan.lines().toList();
        int start = 0;
        while (!lines.get(start).contains("Scan[" + source + " ")) {
            start++;
        }
        int indent = lines.get(start).indexOf(lines.get(start).strip());
        StringBuilder sql = new StringBuilder();
        for (int i = start + 1; i < lines.size() && lines.get(i).indexOf(lines.get(i).strip()) > indent + 2; i++) {
            sql.append(lines.get(i).strip()).append('\n');
        }
        return sql.toString();
    }

    @Test
    void limitStopsReadingTheSource() {
        Junction noPushdown = Junction.builder().source(pg.config("pg"))
                .settings(EngineSettings.defaults().withPushdown(false)).build();
        try (noPushdown) {
            String sql = "SELECT id, guarded FROM pg." + pg.schema() + ".big LIMIT 10";
            assertThat(noPushdown.explain(sql)).contains("Limit").doesNotContain("LIMIT 10").doesNotContain("FETCH");
            assertThat(rows(noPushdown, sql)).hasSize(10);
            // the connection is still good afterwards
            assertThat(rows(noPushdown, "SELECT COUNT(*) FROM pg." + pg.schema() + ".items")).containsExactly(List.of(3L));
        }
    }

    @Test
    void earlyCloseOfAResultStopsTheSource() {
        try (QueryResult r = junction.query("SELECT id, guarded FROM pg." + pg.schema() + ".big")) {
            assertThat(r.nextBatch().rowCount()).isPositive();
        }
        assertThat(rows(junction, "SELECT label FROM pg." + pg.schema() + ".items WHERE id = 1")).containsExactly(List.of("a"));
    }

    @Test
    void timeoutStopsTheQueryAndCancelsTheSourceStatement() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            try (QueryResult r = junction.query("SELECT x FROM pg." + pg.schema() + ".slow", Duration.ofMillis(300))) {
                r.toList();
            }
        }).isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_TIMEOUT));
        // the 30 s sleep in PostgreSQL was cancelled rather than waited for
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(rows(junction, "SELECT label FROM pg." + pg.schema() + ".items WHERE id = 3")).containsExactly(List.of("c"));
    }

    @Test
    void cancelFromAnotherThreadStopsTheQuery() throws Exception {
        try (QueryResult r = junction.query("SELECT x FROM pg." + pg.schema() + ".slow")) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                r.cancel();
            });
            long start = System.nanoTime();
            canceller.start();
            assertThatThrownBy(r::toList).isInstanceOfSatisfying(JunctionException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELED));
            canceller.join();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void resultListsTheStatementsSentToSources() {
        try (QueryResult r = junction.query("SELECT c.name, i.label FROM lite.customers c JOIN pg." + pg.schema()
                + ".items i ON i.id = c.id WHERE i.id < 3")) {
            assertThat(r.toList()).hasSize(2);
            assertThat(r.sourceStatements()).hasSize(2).allSatisfy(s -> assertThat(s.finished()).isTrue());
            var pgStatement = r.sourceStatements().stream().filter(s -> s.source().equals("pg")).findFirst().orElseThrow();
            assertThat(pgStatement.statement()).contains("SELECT", "items");
            assertThat(pgStatement.rows()).isEqualTo(2);
        }
    }

    @Test
    void quotedIdentifiersKeepTheirCase() {
        String table = "pg." + pg.schema() + ".\"MixedCase\"";
        assertThat(rows(junction, "SELECT \"Id\", id FROM " + table)).containsExactly(List.of(10, 20));
        // an unquoted name folds to lower case and finds the lower-case column
        assertThat(rows(junction, "SELECT ID FROM " + table)).containsExactly(List.of(20));
        // an unquoted table name finds the single table of that name in any case
        assertThat(rows(junction, "SELECT \"Id\" FROM pg." + pg.schema() + ".mixedcase")).containsExactly(List.of(10));
    }

    @Test
    void unmappableColumnFailsOnlyWhenUsed() {
        String table = "pg." + pg.schema() + ".\"MixedCase\"";
        assertThat(rows(junction, "SELECT id FROM " + table)).containsExactly(List.of(20));
        assertThatThrownBy(() -> junction.query("SELECT * FROM " + table))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE);
                    assertThat(e.getMessage()).contains("span", "pg." + pg.schema() + ".MixedCase", "interval");
                });
    }

    @Test
    void wrongCredentialsAreASourceFailureNamingTheSource() {
        Junction bad = Junction.builder()
                .source(SourceConfig.of("shop", SourceType.MYSQL, TestDatabases.mysqlUrl(), "no_such_user_jt", "wrong"))
                .source(SourceConfig.ofPath("lite", SourceType.SQLITE, sqliteFile.toString()))
                .build();
        try (bad) {
            assertThatThrownBy(() -> bad.query("SELECT * FROM shop.t"))
                    .isInstanceOfSatisfying(JunctionException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_AUTH_FAILED);
                        assertThat(e.getMessage()).contains("shop", "no_such_user_jt").doesNotContain("wrong");
                    });
            assertThat(rows(bad, "SELECT COUNT(*) FROM lite.customers")).containsExactly(List.of(3L));
        }
    }

    @Test
    void syntaxErrorHasPosition() {
        assertThatThrownBy(() -> junction.query("SELECT id\nFROM lite.customers WHERE WHERE"))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(27);
                    assertThat(e.describe()).startsWith("ERROR 42601 at line 2, column 27");
                });
    }

    @Test
    void unnamedResultColumnsAreNamedAsPostgresqlNamesThem() {
        String sql = "SELECT count(*), sum(id) AS total, upper(name), id + 1, CAST(id AS BIGINT), CAST(2 AS INTEGER), "
                + "CASE WHEN id > 1 THEN 1 END, 1, count(*), name, (SELECT max(customer_id) FROM lite.visits), "
                + "row_number() OVER (ORDER BY id) FROM lite.customers GROUP BY id, name";
        try (QueryResult result = junction.query(sql)) {
            // PostgreSQL repeats a name; Junction numbers the repeats, as JSON results key values by column name
            assertThat(result.columns()).extracting(ResultColumn::name).containsExactly("count", "total", "upper", "?column?",
                    "id", "int4", "case", "?column?0", "count0", "name", "max", "row_number");
        }
        try (QueryResult result = junction.query("SELECT lower(name) FROM lite.customers UNION SELECT 'x' ORDER BY 1")) {
            assertThat(result.columns()).extracting(ResultColumn::name).containsExactly("lower");
        }
        // a * over a subquery or WITH query takes the names of its columns
        for (String star : List.of("SELECT * FROM (SELECT count(*), max(id) + 1, coalesce(name, 'x') FROM lite.customers GROUP BY name) t",
                "WITH t AS (SELECT count(*), max(id) + 1, coalesce(name, 'x') FROM lite.customers GROUP BY name) SELECT * FROM t")) {
            try (QueryResult result = junction.query(star)) {
                assertThat(result.columns()).extracting(ResultColumn::name).as(star).containsExactly("count", "?column?", "coalesce");
            }
        }
        try (QueryResult result = junction.query("VALUES (1, 'a')")) {
            assertThat(result.columns()).extracting(ResultColumn::name).containsExactly("column1", "column2");
        }
    }

    @Test
    void divisionByZeroFailsWhereverItRuns() {
        // SQLite returns NULL for x / 0 and x % 0: a divisor that may be zero is computed in Junction, which fails
        for (String sql : List.of("SELECT id / (id - id) FROM lite.customers", "SELECT id % (id - id) FROM lite.customers",
                "SELECT name FROM lite.customers WHERE 10 / (id - 2) > 1")) {
            assertThatThrownBy(() -> junction.query(sql).toList()).as(sql)
                    .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DIVISION_BY_ZERO));
            String plan = junction.explain(sql);
            assertThat(plan.substring(plan.indexOf("SELECT"))).as(plan).doesNotContain("/").doesNotContain("%").doesNotContain("MOD(");
        }
        // a constant divisor other than zero still goes to the source
        String pushed = "SELECT id / 2 FROM lite.customers WHERE id = 3";
        assertThat(rows(junction, pushed)).containsExactly(List.of(1L));
        assertThat(junction.explain(pushed)).startsWith("SourceScan").contains("/ 2");
    }

    @Test
    void unknownNamesAreUserErrorsWithHints() {
        assertThatThrownBy(() -> junction.query("SELECT * FROM lite.custmers"))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNDEFINED_TABLE);
                    assertThat(e.getMessage()).contains("custmers", "did you mean 'customers'");
                    assertThat(e.column()).isEqualTo(15);
                });
        assertThatThrownBy(() -> junction.query("SELECT * FROM nosuch.customers"))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNDEFINED_TABLE);
                    assertThat(e.getMessage()).contains("nosuch", "lite");
                });
        assertThatThrownBy(() -> junction.query("SELECT nme FROM lite.customers"))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNDEFINED_COLUMN);
                    assertThat(e.getMessage()).isEqualTo("unknown column 'nme'; did you mean 'name'?");
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(8);
                });
        // a qualified column is matched against its own table's columns, at any depth of the statement
        assertThatThrownBy(() -> junction.query(
                "SELECT c.name FROM lite.customers c WHERE c.id IN (SELECT v.customer_idd FROM lite.visits v)"))
                .isInstanceOfSatisfying(JunctionException.class, e ->
                        assertThat(e.getMessage()).isEqualTo("unknown column 'customer_idd' in table 'v'; did you mean 'customer_id'?"));
        assertThatThrownBy(() -> junction.query("SELECT uper(name) FROM lite.customers"))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNDEFINED_FUNCTION);
                    assertThat(e.getMessage()).startsWith("unknown function uper(").endsWith("; did you mean 'upper'?");
                });
        // Calcite's own rewrite of COALESCE() failed with an index error, reported as an internal bug
        assertThatThrownBy(() -> junction.query("SELECT coalesce() FROM lite.customers"))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY);
                    assertThat(e.getMessage()).isEqualTo("function coalesce takes at least 1 argument, not 0");
                    assertThat(e.column()).isEqualTo(8);
                });
        // Calcite's simplifier read the first character of an empty ESCAPE and failed with a raw index exception
        for (String escape : List.of("''", "'ab'")) {
            assertThatThrownBy(() -> junction.query("SELECT id FROM lite.customers WHERE name LIKE 'B%' ESCAPE " + escape))
                    .isInstanceOfSatisfying(JunctionException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
                        assertThat(e.getMessage()).startsWith("the ESCAPE of LIKE must be one character");
                        assertThat(e.column()).isEqualTo(59);
                    });
        }
        assertThatThrownBy(() -> junction.query("SELECT id FROM lite.customers ORDER BY greatest()"))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY));
        // the name exists, the arguments are what is wrong: no other name is offered
        assertThatThrownBy(() -> junction.query("SELECT power() FROM lite.customers"))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNDEFINED_FUNCTION);
                    assertThat(e.getMessage()).isEqualTo("function power does not take arguments of types ()");
                });
        // three letters two edits from 'avg' are no misspelling of it
        assertThatThrownBy(() -> junction.query("SELECT nvl(name, 'x') FROM lite.customers"))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.getMessage()).doesNotContain("did you mean"));
        assertThatThrownBy(() -> junction.query("SELECT zzzzzz FROM lite.customers"))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.getMessage()).isEqualTo("unknown column 'zzzzzz'"));
        assertThatThrownBy(() -> junction.query("SELECT city FROM lite.customers c JOIN lite.visits v ON v.customer_id = c.id"))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_COLUMN));
        assertThatThrownBy(() -> junction.query("SELECT id + DATE '2020-01-01' FROM lite.customers"))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATATYPE_MISMATCH));
    }

    @Test
    void unreachableSourceFailsOnlyQueriesThatUseIt() {
        assertThatThrownBy(() -> junction.query("SELECT * FROM down.public.t"))
                .isInstanceOfSatisfying(JunctionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_FAILURE);
                    assertThat(e.getMessage()).contains("down");
                });
        assertThat(rows(junction, "SELECT name FROM lite.customers WHERE id = 2")).containsExactly(List.of("Bo"));
    }

    @Test
    void describeAndTablesReportMetadata() {
        var meta = junction.describe("pg." + pg.schema() + ".items");
        assertThat(meta.columns()).extracting(c -> c.name()).containsExactly("id", "label", "price");
        assertThat(meta.primaryKey()).containsExactly("id");
        assertThat(junction.tables("lite")).extracting(t -> t.name()).contains("customers", "visits");
        assertThatThrownBy(() -> junction.describe("lite.custmers"))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.getMessage()).contains("did you mean 'customers'"));
    }

    @Test
    void explainStatementReturnsThePlanAsRows() {
        List<List<Object>> plan = rows(junction, "EXPLAIN SELECT name FROM lite.customers");
        assertThat(plan.get(0).get(0).toString()).contains("SourceScan[lite");
    }
}
