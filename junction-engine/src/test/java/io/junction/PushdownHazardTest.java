package io.junction;

import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.connector.TestDatabases;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where a source would answer differently from Junction (collations, integer division, NULL order,
 * inexact decimals, quoting), pushdown must not change the answer: each query gives the same rows with
 * pushdown on and off, and the plan shows whether the risky part stayed in Junction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushdownHazardTest {
    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases maria = TestDatabases.mariadb();
    @TempDir
    static Path dir;

    /** Values that break naive SQL text building. */
    static final List<String> NASTY = List.of("it's", "back\\slash", "-- not a comment", "/* nor this */", "semi;colon",
            "quote\"d", "tab\there", "line\nbreak", "\\'", "' OR '1'='1");

    private Junction on;
    private Junction off;

    @BeforeAll
    void setUp() throws Exception {
        pg.execute("CREATE TABLE words (id INT PRIMARY KEY, w TEXT COLLATE \"und-x-icu\", c TEXT COLLATE \"C\")",
                "INSERT INTO words VALUES (1, 'a', 'a'), (2, 'B', 'B'), (3, 'c', 'c'), (4, NULL, NULL), (5, 'b', 'b')",
                "CREATE TABLE nasty (id INT PRIMARY KEY, s TEXT)",
                "CREATE TABLE \"we\"\"ird tab\" (\"col'quote\" INT, \"Col\"\"dq\" TEXT)",
                "INSERT INTO \"we\"\"ird tab\" VALUES (1, 'x')");
        pg.execute("CREATE TABLE codes (c CHAR(10), v VARCHAR(10))", "INSERT INTO codes VALUES ('AB', 'AB'), ('CD ', 'CD'), (NULL, NULL)");
        maria.execute("CREATE TABLE codes (c CHAR(10), v VARCHAR(10))", "INSERT INTO codes VALUES ('AB', 'AB'), ('CD', 'CD '), (NULL, NULL)");
        maria.execute("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(20) COLLATE utf8mb4_general_ci, "
                        + "tag VARCHAR(20) COLLATE utf8mb4_bin, a INT, b INT, score INT)",
                "INSERT INTO people VALUES (1, 'alice', 'x', 7, 2, NULL), (2, 'Alice', 'X', -7, 2, 3), (3, 'ALICE', 'y', 1, 3, 1), "
                        + "(4, 'bob', NULL, 9, 4, NULL), (5, 'Émile', 'é', 5, 5, 2)",
                "CREATE TABLE nasty (id INT PRIMARY KEY, s VARCHAR(40) COLLATE utf8mb4_bin)");
        try (Connection c = pg.connect(); var ps = c.prepareStatement("INSERT INTO nasty VALUES (?, ?)");
             Connection m = maria.connect(); var ms = m.prepareStatement("INSERT INTO nasty VALUES (?, ?)")) {
            for (int i = 0; i < NASTY.size(); i++) {
                for (var st : List.of(ps, ms)) {
                    st.setInt(1, i);
                    st.setString(2, NASTY.get(i));
                    st.executeUpdate();
                }
            }
        }
        String sqlite = dir.resolve("h.db").toString();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE money (id INTEGER PRIMARY KEY, amount DECIMAL(10,2), k INTEGER)");
            s.execute("INSERT INTO money VALUES (1, 0.10, 1), (2, 0.20, 1), (3, 0.70, 1), (4, NULL, 2), (5, 1.05, 2)");
            s.execute("CREATE TABLE nasty (id INTEGER PRIMARY KEY, s TEXT)");
        }
        String duck = dir.resolve("h.duckdb").toString();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duck); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE nums (id INTEGER, a INTEGER, b INTEGER)");
            s.execute("INSERT INTO nums VALUES (1, 7, 2), (2, -7, 2), (3, NULL, 1), (4, 1, 3)");
            s.execute("CREATE TABLE nasty (id INTEGER, s VARCHAR)");
        }
        for (String url : List.of("jdbc:sqlite:" + sqlite, "jdbc:duckdb:" + duck)) {
            try (Connection c = DriverManager.getConnection(url); var ps = c.prepareStatement("INSERT INTO nasty VALUES (?, ?)")) {
                for (int i = 0; i < NASTY.size(); i++) {
                    ps.setInt(1, i);
                    ps.setString(2, NASTY.get(i));
                    ps.executeUpdate();
                }
            }
        }
        on = open(true, sqlite, duck);
        off = open(false, sqlite, duck);
    }

    private Junction open(boolean pushdown, String sqlite, String duck) {
        return Junction.builder().source(pg.config("pg")).source(maria.config("my"))
                .source(SourceConfig.ofPath("lite", SourceType.SQLITE, sqlite))
                .source(new SourceConfig("duck", SourceType.DUCKDB, null, null, null, duck, Map.of()))
                .settings(EngineSettings.defaults().withPushdown(pushdown)).build();
    }

    @AfterAll
    void tearDown() {
        on.close();
        off.close();
    }

    private static List<List<Object>> rows(Junction j, String sql) {
        try (QueryResult r = j.query(sql)) {
            return r.toList();
        }
    }

    /** Runs with pushdown on and off, asserts the same rows, returns them and the pushed plan. */
    private List<List<Object>> same(String sql) {
        List<List<Object>> pushed = rows(on, sql);
        assertThat(pushed).as("pushdown on vs off: " + sql).isEqualTo(rows(off, sql));
        return pushed;
    }

    @Test
    void caseInsensitiveCollationKeepsTextComparisonsLocal() {
        assertThat(same("SELECT id FROM my.people WHERE name = 'alice'")).containsExactly(List.of(1));
        assertThat(on.explain("SELECT id FROM my.people WHERE name = 'alice'")).contains("Filter").doesNotContain("'alice'\n");
        assertThat(same("SELECT name, COUNT(*) FROM my.people GROUP BY name ORDER BY name")).extracting(r -> r.get(0))
                .containsExactly("ALICE", "Alice", "alice", "bob", "Émile");
        // a binary collation pushes equality and ordering
        assertThat(same("SELECT id FROM my.people WHERE tag = 'x' ORDER BY tag, id")).containsExactly(List.of(1));
        String plan = on.explain("SELECT id FROM my.people WHERE tag = 'x'");
        assertThat(plan.lines().filter(l -> l.contains("SourceScan"))).hasSize(1);
        assertThat(plan).contains("`tag` = 'x'");
    }

    @Test
    void languageCollationPushesEqualityButNotOrdering() {
        assertThat(same("SELECT id FROM pg.words WHERE w = 'B'")).containsExactly(List.of(2));
        assertThat(on.explain("SELECT id FROM pg.words WHERE w = 'B'")).contains("\"w\" = 'B'");
        assertThat(same("SELECT w FROM pg.words ORDER BY w")).extracting(r -> r.get(0)).containsExactly("B", "a", "b", "c", null);
        assertThat(on.explain("SELECT w FROM pg.words ORDER BY w").lines().findFirst().orElseThrow()).startsWith("Sort");
        assertThat(same("SELECT id FROM pg.words WHERE w < 'b' ORDER BY id")).containsExactly(List.of(1), List.of(2));
        // the "C" column orders by code point in PostgreSQL too: the sort is pushed
        assertThat(on.explain("SELECT c FROM pg.words ORDER BY c").lines().findFirst().orElseThrow()).startsWith("SourceScan");
        assertThat(same("SELECT c FROM pg.words ORDER BY c")).extracting(r -> r.get(0)).containsExactly("B", "a", "b", "c", null);
    }

    @Test
    void integerDivisionTruncatesEverywhere() {
        assertThat(same("SELECT id, a / b FROM my.people ORDER BY id")).extracting(r -> r.get(1)).containsExactly(3, -3, 0, 2, 1);
        assertThat(same("SELECT id, a / b FROM duck.nums ORDER BY id")).extracting(r -> r.get(1)).containsExactly(3, -3, null, 0);
        assertThat(on.explain("SELECT a / b FROM duck.nums")).startsWith("Project");
    }

    @Test
    void charValuesMatchWhicheverSourceTheyComeFrom() {
        // MariaDB returns CHAR(10) 'AB' without its padding, PostgreSQL as 'AB        ': as PostgreSQL alone, they are equal
        assertThat(same("SELECT count(*) FROM my.codes m JOIN pg.codes p ON m.c = p.c")).containsExactly(List.of(2L));
        assertThat(same("SELECT count(*) FROM (SELECT c FROM my.codes UNION SELECT c FROM pg.codes) t")).containsExactly(List.of(3L));
        assertThat(same("SELECT m.c, char_length(m.c), m.c = 'AB' FROM my.codes m WHERE m.v = 'AB'"))
                .containsExactly(List.of("AB        ", 2, true));
    }

    @Test
    void castsMariaDbCannotDoStayInJunction() {
        // MariaDB rejects CAST(... AS SMALLINT), TINYINT, REAL: the statement failed and Junction fell back to its own
        for (String type : List.of("SMALLINT", "TINYINT", "REAL", "FLOAT")) {
            String sql = "SELECT CAST(a AS " + type + ") FROM my.people WHERE id = 2";
            assertThat(same(sql)).as(sql).hasSize(1);
            String plan = on.explain(sql);
            assertThat(plan).as(plan).startsWith("Project");
            assertThat(plan.substring(plan.indexOf("SELECT"))).as(plan).doesNotContain("CAST");
        }
        assertThat(on.explain("SELECT CAST(a AS BIGINT) FROM my.people")).startsWith("SourceScan").contains("AS SIGNED");
    }

    @Test
    void decimalDivisionKeepsJunctionsDigits() {
        // MariaDB keeps four digits more than the dividend (0.333333), DuckDB computes a double
        assertThat(same("SELECT id, CAST(a AS DECIMAL(5,2)) / 3 FROM my.people WHERE id = 3")).extracting(r -> r.get(1).toString())
                .containsExactly("0.3333333333333");
        assertThat(same("SELECT id, CAST(a AS DECIMAL(5,2)) / 3 FROM duck.nums WHERE id = 4")).extracting(r -> r.get(1).toString())
                .containsExactly("0.3333333333333");
        assertThat(on.explain("SELECT CAST(a AS DECIMAL(5,2)) / 3 FROM my.people")).startsWith("Project");
    }

    @Test
    void divisionByZeroAndNonPositiveSubstringStartsAnswerAsInJunction() {
        // MariaDB, SQLite and DuckDB return NULL (or infinity) for x / 0 and count a negative start from the end
        for (String source : List.of("my.people", "duck.nums")) {
            for (String sql : List.of("SELECT a / (b - b) FROM " + source, "SELECT a % (b - b) FROM " + source)) {
                for (Junction j : List.of(on, off)) {
                    assertThatThrownBy(() -> rows(j, sql)).as(sql).isInstanceOfSatisfying(JunctionException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DIVISION_BY_ZERO));
                }
            }
        }
        assertThat(same("SELECT SUBSTRING(name, -1, 3), SUBSTRING(name, 0, 2), SUBSTRING(name, id - 3) FROM my.people WHERE id = 4"))
                .containsExactly(List.of("b", "b", "bob"));
        assertThat(same("SELECT SUBSTRING(s, -1, 3), SUBSTRING(s, 0, 3) FROM lite.nasty WHERE id = 8"))
                .containsExactly(List.of("\\", "\\'"));
        // constants on which every source agrees are still the source's work
        assertThat(same("SELECT SUBSTRING(name, 2, 2), a / 2 FROM my.people WHERE id = 4")).containsExactly(List.of("ob", 4));
        assertThat(on.explain("SELECT SUBSTRING(name, 2, 2) FROM my.people")).startsWith("SourceScan");
        assertThat(on.explain("SELECT CAST(a AS DOUBLE) / 2 FROM duck.nums")).startsWith("SourceScan");
        assertThat(on.explain("SELECT SUBSTRING(name, 0, 2) FROM my.people")).startsWith("Project");
    }

    @Test
    void nullsSortLastAscendingAndFirstDescendingInEverySource() {
        assertThat(same("SELECT score FROM my.people ORDER BY score")).extracting(r -> r.get(0)).containsExactly(1, 2, 3, null, null);
        assertThat(same("SELECT score FROM my.people ORDER BY score DESC")).extracting(r -> r.get(0)).containsExactly(null, null, 3, 2, 1);
        assertThat(same("SELECT a FROM duck.nums ORDER BY a DESC")).extracting(r -> r.get(0)).containsExactly(null, 7, 1, -7);
        assertThat(same("SELECT amount FROM lite.money ORDER BY amount NULLS FIRST LIMIT 2")).extracting(r -> String.valueOf(r.get(0)))
                .containsExactly("null", "0.10");
    }

    @Test
    void sqliteDecimalsAreSummedExactlyInJunction() {
        assertThat(same("SELECT k, SUM(amount) FROM lite.money GROUP BY k ORDER BY k")).extracting(r -> r.get(1).toString())
                .containsExactly("1.00", "1.05");
        assertThat(on.explain("SELECT k, SUM(amount) FROM lite.money GROUP BY k")).contains("HashAggregate");
    }

    @Test
    void valuesAndIdentifiersThatBreakNaiveSqlAreQuoted() {
        for (String source : List.of("pg", "my", "lite", "duck")) {
            for (int i = 0; i < NASTY.size(); i++) {
                String literal = "'" + NASTY.get(i).replace("'", "''") + "'";
                assertThat(same("SELECT id FROM " + source + ".nasty WHERE s = " + literal))
                        .as(source + " " + NASTY.get(i)).extracting(r -> ((Number) r.get(0)).intValue()).containsExactly(i);
            }
        }
        assertThat(same("SELECT \"col'quote\", \"Col\"\"dq\" FROM pg.\"we\"\"ird tab\" WHERE \"Col\"\"dq\" = 'x'"))
                .containsExactly(List.of(1, "x"));
    }
}
