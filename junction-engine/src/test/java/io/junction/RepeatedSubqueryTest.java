package io.junction;

import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WITH referenced twice, pushed whole into one source, reaches it as a WITH computing the repeated subquery
 * once (TPC-H Q15), in PostgreSQL and in MariaDB; the answer must be PostgreSQL's over copies of the tables.
 * {@code {t}} in a query is a PostgreSQL table, {@code [t]} a MariaDB one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepeatedSubqueryTest {
    @RegisterExtension
    static final TestDatabases PG = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases MARIA = TestDatabases.mariadb();

    private Junction junction;
    private PostgresReference reference;

    @BeforeAll
    void setUp() {
        // sales per supplier: suppliers 7 and 14 tie for the largest total (the answer has two rows); region is CHAR,
        // compared with literals inside the repeated subquery
        String sales = "SELECT %1$s, %1$s %% 20, CASE WHEN %1$s %% 20 IN (7, 14) THEN 50.25 ELSE (%1$s %% 13) + 0.5 END, "
                + "CASE WHEN %1$s %% 3 = 0 THEN 'N' ELSE 'SE' END FROM %2$s";
        PG.execute("CREATE TABLE sales (id INT PRIMARY KEY, supplier INT, amount NUMERIC(12,2), region CHAR(3))",
                "INSERT INTO sales " + sales.formatted("g", "generate_series(1, 20000) g"),
                "CREATE TABLE suppliers AS SELECT g AS id, 'supplier ' || g AS name, g % 4 AS kind FROM generate_series(0, 19) g",
                "ANALYZE sales", "ANALYZE suppliers",
                // a million lines of 200,000 orders: the orders whose lines sum past a threshold are few (TPC-H Q18)
                "CREATE TABLE lines AS SELECT g / 5 AS order_id, (g % 7 + CASE WHEN g / 5 % 40000 = 0 THEN 100 ELSE 1 END)::numeric(10,2) AS qty "
                        + "FROM generate_series(1, 1000000) g",
                "ANALYZE lines");
        MARIA.execute("CREATE TABLE sales (id INT PRIMARY KEY, supplier INT, amount DECIMAL(12,2), region CHAR(3))",
                "INSERT INTO sales " + sales.formatted("seq", "seq_1_to_20000"),
                "CREATE TABLE suppliers (id INT PRIMARY KEY, name VARCHAR(20), kind INT)",
                "INSERT INTO suppliers SELECT seq, CONCAT('supplier ', seq), seq % 4 FROM seq_0_to_19",
                "ANALYZE TABLE sales", "ANALYZE TABLE suppliers");
        junction = Junction.builder().source(PG.config("pg")).source(MARIA.config("my")).build();
        reference = new PostgresReference(PG);
    }

    @AfterAll
    void tearDown() {
        junction.close();
    }

    /** The answer is PostgreSQL's, and {@code source} got one statement, returned: the one holding the repeated part. */
    private String assertAnswerIsPostgresWithOneStatementTo(String source, String query) throws Exception {
        String federated = query.replaceAll("\\{(\\w+)}", "pg." + PG.schema() + ".$1").replaceAll("\\[(\\w+)]", "my.$1");
        String local = query.replaceAll("\\{(\\w+)}", PG.schema() + ".$1").replaceAll("\\[(\\w+)]", PG.schema() + ".$1");
        reference.assertSame(junction, federated, local);
        try (QueryResult r = junction.query(federated)) {
            r.toList();
            List<SourceStatementStats> statements = r.sourceStatements().stream().filter(s -> s.source().equals(source)).toList();
            assertThat(statements).as(junction.explain(federated)).hasSize(1);
            return statements.get(0).statement();
        }
    }

    /** {@code name} as a table of {@code source}, in the notation of the queries here. */
    private static String table(String source, String name) {
        return source.equals("pg") ? "{" + name + "}" : "[" + name + "]";
    }

    @Test
    void anAggregationOverAMillionRowsFilteredOnItsSumsAndJoinedIsAMaterializedWithInPostgres() throws Exception {
        for (String query : List.of(
                "SELECT l.order_id, SUM(l.qty) AS total FROM {lines} l WHERE l.order_id IN "
                        + "(SELECT order_id FROM {lines} GROUP BY order_id HAVING SUM(qty) > 300) GROUP BY l.order_id",
                // the lines themselves: a semi-join, not an aggregation, above the materialized WITH
                "SELECT l.order_id, l.qty FROM {lines} l WHERE l.order_id IN "
                        + "(SELECT order_id FROM {lines} GROUP BY order_id HAVING SUM(qty) > 300)")) {
            String statement = assertAnswerIsPostgresWithOneStatementTo("pg", query);
            assertThat(statement).startsWith("WITH ").contains("AS MATERIALIZED (");
        }
    }

    @Test
    void aWithReferencedTwiceIsAggregatedOnce() throws Exception {
        for (String source : List.of("pg", "my")) {
            String query = "WITH revenue AS (SELECT supplier, SUM(amount) AS total FROM " + table(source, "sales")
                    + " WHERE region IN ('SE', 'N') AND id > 20 GROUP BY supplier) "
                    + "SELECT supplier, total FROM revenue WHERE total = (SELECT MAX(total) FROM revenue)";
            String statement = assertAnswerIsPostgresWithOneStatementTo(source, query);
            assertThat(statement).startsWith("WITH ").containsOnlyOnce("SUM(").containsOnlyOnce("sales");
        }
    }

    @Test
    void aRepeatedJoinIsComputedOnceAndJoinedWithItself() throws Exception {
        // the shared part holds a join; the body joins it with itself, which needs the two references told apart
        for (String source : List.of("pg", "my")) {
            String query = "WITH k AS (SELECT p.kind, COUNT(*) AS n, SUM(s.amount) AS total FROM " + table(source, "sales") + " s JOIN "
                    + table(source, "suppliers") + " p ON s.supplier = p.id WHERE s.region = 'N' GROUP BY p.kind) "
                    + "SELECT a.kind, b.kind AS other_kind, a.total - b.total AS difference, a.n + b.n AS both_n FROM k a JOIN k b ON a.n = b.n";
            String statement = assertAnswerIsPostgresWithOneStatementTo(source, query);
            assertThat(statement).startsWith("WITH ").containsOnlyOnce("COUNT(").containsOnlyOnce("suppliers");
        }
    }
}
