package io.junction;

import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Join ordering across sources, judged by where the work runs (from the plan) and by the answer, which must be
 * PostgreSQL's over copies of all the tables in one schema. {@code {t}} in a query is a PostgreSQL table of the
 * split, {@code [t]} a MariaDB one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinOrderingTest {
    @RegisterExtension
    static final TestDatabases PG = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases MARIA = TestDatabases.mariadb();

    private Junction junction;
    private Junction noPushdown;
    private PostgresReference reference;

    @BeforeAll
    void setUp() {
        // orders and items live in PostgreSQL, customers in MariaDB (with a copy in PostgreSQL for the reference);
        // items has order ids that are NULL, pairs has a key of two values (a self-join multiplies its rows)
        PG.execute("CREATE TABLE orders AS SELECT g AS id, g % 300 AS cust, CASE WHEN g % 4 = 0 THEN 'open' ELSE 'done' END AS status "
                        + "FROM generate_series(1, 3000) g",
                "ALTER TABLE orders ADD PRIMARY KEY (id)",
                "CREATE TABLE items AS SELECT CASE WHEN g % 10 = 0 THEN NULL ELSE g % 3000 + 1 END AS order_id, g AS n, "
                        + "(g % 97)::numeric(10,2) AS price FROM generate_series(1, 9000) g",
                "CREATE TABLE pairs AS SELECT g AS id, g % 2 AS k FROM generate_series(1, 300) g",
                "CREATE TABLE visits AS SELECT g AS id, g % 300 AS cust FROM generate_series(1, 30000) g",
                "CREATE TABLE customers AS SELECT g AS id, 'region ' || (g % 7) AS region, CASE WHEN g % 5 = 0 THEN 1 ELSE 0 END AS vip "
                        + "FROM generate_series(0, 299) g",
                "CREATE TABLE vips AS SELECT id FROM customers WHERE vip = 1",
                "ANALYZE orders", "ANALYZE items", "ANALYZE pairs", "ANALYZE visits", "ANALYZE customers", "ANALYZE vips");
        StringBuilder customers = new StringBuilder("INSERT INTO customers VALUES ");
        for (int g = 0; g < 300; g++) {
            customers.append(g == 0 ? "" : ", ").append("(").append(g).append(", 'region ").append(g % 7).append("', ").append(g % 5 == 0 ? 1 : 0).append(")");
        }
        MARIA.execute("CREATE TABLE customers (id INT PRIMARY KEY, region VARCHAR(20), vip INT)", customers.toString(), "ANALYZE TABLE customers",
                "CREATE TABLE vips (id INT PRIMARY KEY)", "INSERT INTO vips SELECT id FROM customers WHERE vip = 1", "ANALYZE TABLE vips");
        junction = Junction.builder().source(PG.config("pg")).source(MARIA.config("my")).build();
        noPushdown = Junction.builder().source(PG.config("pg")).source(MARIA.config("my"))
                .settings(EngineSettings.defaults().withPushdown(false)).build();
        reference = new PostgresReference(PG);
    }

    @AfterAll
    void tearDown() {
        junction.close();
        noPushdown.close();
    }

    private String federated(String query) {
        return query.replaceAll("\\{(\\w+)}", "pg." + PG.schema() + ".$1").replaceAll("\\[(\\w+)]", "my.$1");
    }

    private void assertAnswerIsPostgres(String query) throws Exception {
        String local = query.replaceAll("\\{(\\w+)}", PG.schema() + ".$1").replaceAll("\\[(\\w+)]", PG.schema() + ".$1");
        reference.assertSame(junction, federated(query), local);
        reference.assertSame(noPushdown, federated(query), local);
    }

    private List<PlannedStatement> statements(String query) {
        return junction.plan(federated(query)).statements();
    }

    /** The plan sends {@code source} exactly one statement, containing each of {@code parts}. */
    private void assertOneStatementTo(String source, String query, String... parts) {
        assertThat(statements(query)).as(junction.explain(federated(query))).filteredOn(s -> s.source().equals(source)).singleElement()
                .satisfies(s -> assertThat(s.statement()).contains(parts));
    }

    /**
     * Each query runs as the hash join its value names, with PostgreSQL's rows probing and MariaDB's customers as the
     * build (second) input, and answers as PostgreSQL does.
     */
    private void assertCustomersBuild(Map<String, String> joinOfQuery) throws Exception {
        for (var query : joinOfQuery.entrySet()) {
            String plan = junction.explain(federated(query.getKey()));
            assertThat(plan).as(plan).contains(query.getValue());
            assertThat(plan.substring(plan.indexOf(query.getValue()))).as(plan).containsSubsequence("[pg (postgresql)", "SourceScan[my");
            assertAnswerIsPostgres(query.getKey());
        }
    }

    /** Waits (up to 10 s) until the running query has sent statements that satisfy {@code sent}. */
    private static void awaitStatements(QueryResult result, Predicate<List<SourceStatementStats>> sent) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!sent.test(result.sourceStatements()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static boolean anyBound(List<SourceStatementStats> statements) {
        return statements.stream().anyMatch(s -> s.statement().contains("unnest"));
    }

    @Test
    void tablesOfOneSourceListedApartAreJoinedInThatSource() throws Exception {
        String query = "SELECT c.region, COUNT(*) AS n, SUM(i.price) AS total FROM {orders} o, [customers] c, {items} i "
                + "WHERE o.cust = c.id AND i.order_id = o.id AND c.vip = 1 GROUP BY c.region";
        assertOneStatementTo("pg", query, "orders", "items", "INNER JOIN");
        assertAnswerIsPostgres(query);
    }

    @Test
    void tablesEquatedOnlyThroughAnotherSourceAreJoinedInTheirOwnSource() throws Exception {
        // customers and vips are related only through orders (c.id = o.cust, v.id = o.cust): c.id = v.id follows,
        // so MariaDB can join them before anything is fetched
        String query = "SELECT c.region, COUNT(*) AS n FROM [customers] c JOIN {orders} o ON o.cust = c.id "
                + "JOIN [vips] v ON v.id = o.cust GROUP BY c.region";
        assertOneStatementTo("my", query, "customers", "vips", "JOIN");
        assertAnswerIsPostgres(query);
    }

    @Test
    void aDimensionJoinInOneSourceShipsItsKeysToTheFactJoinInTheOther() throws Exception {
        // MariaDB joins customers with vips (60 of 300 customers); their ids go to PostgreSQL, which joins orders with
        // items for those customers only: the ordering prices the join as the bind join the execution planner builds
        // (no aggregation: PostgreSQL would then send partial sums per customer, too few rows to bind)
        String query = "SELECT c.region, o.id, i.n, i.price FROM {items} i JOIN {orders} o ON i.order_id = o.id "
                + "JOIN [customers] c ON o.cust = c.id JOIN [vips] v ON v.id = c.id";
        assertOneStatementTo("my", query, "customers", "vips", "JOIN");
        assertOneStatementTo("pg", query, "orders", "items", "INNER JOIN");
        assertThat(junction.explain(federated(query))).contains("BindScan[pg", "CollectKeys");
        assertAnswerIsPostgres(query);
        try (QueryResult r = junction.query(federated(query))) {
            r.toList();
            // the 60 VIP customers' 600 orders have 1,800 of the 8,100 items with an order
            assertThat(r.sourceStatements()).filteredOn(s -> s.source().equals("pg")).singleElement()
                    .satisfies(s -> assertThat(s.statement()).contains("IN (SELECT * FROM unnest('{0,5,10,"))
                    .satisfies(s -> assertThat(s.rows()).isLessThan(8100 / 4));
        }
    }

    @Test
    void aSameSourceJoinDearerPushedThanFetchedStillTakesTheKeysOfASmallSideAsOneStatement() throws Exception {
        // orders ⋈ items returns wider rows than fetching the two tables apart, so on their own they join in
        // Junction; but the few customers of region 3 who are VIPs (9 of 300) are worth shipping to PostgreSQL, and
        // only one statement can take them, so the join goes to PostgreSQL as one statement bound to those keys
        // (TPC-H Q3: customers of a segment bound to orders ⋈ lineitem, instead of fetching half of lineitem)
        String query = "SELECT o.id, o.status, i.n, i.price FROM {items} i JOIN {orders} o ON i.order_id = o.id "
                + "JOIN [customers] c ON o.cust = c.id WHERE c.vip = 1 AND c.region = 'region 3'";
        assertOneStatementTo("pg", query, "orders", "items", "INNER JOIN");
        assertThat(junction.explain(federated(query))).contains("BindScan[pg", "CollectKeys");
        assertAnswerIsPostgres(query);
    }

    @Test
    void anAggregationJoinedToFewKeysAggregatesOnlyTheRowsOfThoseKeys() throws Exception {
        // decorrelated, the average per order is computed for all 3,000 orders and joined back to the 3 selected;
        // reduced, the source averages only the items of orders it semi-joins with those 3 (TPC-H Q17)
        String query = "SELECT SUM(i.price) AS total, COUNT(*) AS n FROM {items} i JOIN {orders} o ON i.order_id = o.id "
                + "WHERE o.id IN (7, 70, 700) AND i.price > (SELECT AVG(i2.price) FROM {items} i2 WHERE i2.order_id = o.id)";
        assertOneStatementTo("pg", query, "AVG(", "\" IN (SELECT");
        assertAnswerIsPostgres(query);
    }

    @Test
    void aJoinsStatementsAreSentWhenTheQueryStartsNotWhenEachSideIsFirstRead() throws Exception {
        // customers (MariaDB) build the hash join, orders (PostgreSQL) probe it: pulled one after the other, orders'
        // statement would wait for every customer to be read; started early, both sources work at once
        String query = "SELECT c.region, o.status FROM {orders} o JOIN [customers] c ON o.cust = c.id";
        assertThat(statements(query)).hasSize(2);
        try (QueryResult r = junction.query(federated(query))) {
            awaitStatements(r, sent -> sent.size() >= 2);
            assertThat(r.sourceStatements()).as("statements sent before a row is read").hasSize(2);
            assertThat(r.toList()).hasSize(3000);
        }
        assertAnswerIsPostgres(query);
        // two statements to a source of one connection: one started early would hold the connection the other needs,
        // so neither is, and the query still runs (the build side's statement ends before the probe side's starts)
        String selfJoin = "SELECT a.id, b.id FROM {pairs} a JOIN {pairs} b ON a.k = b.k";
        try (Junction oneConnection = Junction.builder().source(PG.config("pg", java.util.Map.of("pool_size", 1))).build();
             QueryResult r = oneConnection.query(federated(selfJoin))) {
            Thread.sleep(300);
            assertThat(r.sourceStatements()).isEmpty();
            assertThat(r.toList()).hasSize(45_000);
            assertThat(r.sourceStatements()).hasSize(2);
        }
    }

    @Test
    void aProbeSideWaitingForKeysOfItsOwnIsReadAheadWhileTheBuildSideIsRead() throws Exception {
        // two bind joins, each sending MariaDB's keys to PostgreSQL, meet in a hash join: pulled one after the other,
        // the probe side's keys would be collected and sent only after the build side's whole chain was read; read
        // ahead on another thread, the probe side's chain runs at once, its bound statement sent before a row is read
        String query = "SELECT a.cust, a.n, b.total FROM (SELECT o.cust, COUNT(*) AS n FROM {orders} o JOIN [vips] v ON o.cust = v.id "
                + "GROUP BY o.cust) a JOIN (SELECT o2.cust, SUM(i.price) AS total FROM {items} i JOIN {orders} o2 ON i.order_id = o2.id "
                + "JOIN [customers] c ON o2.cust = c.id WHERE c.region = 'region 3' GROUP BY o2.cust) b ON a.cust = b.cust";
        assertThat(junction.explain(federated(query))).contains("Prefetch[");
        try (QueryResult r = junction.query(federated(query))) {
            awaitStatements(r, JoinOrderingTest::anyBound);
            assertThat(r.sourceStatements()).as("the probe side's bound statement, sent before a row is read")
                    .filteredOn(s -> s.statement().contains("unnest")).singleElement()
                    .satisfies(s -> assertThat(s.statement()).contains("items"));
            assertThat(r.toList()).isNotEmpty();
        }
        assertAnswerIsPostgres(query);
    }

    @Test
    void theLeftSideOfANestedLoopJoinWaitingForKeysOfItsOwnIsReadAheadWhileTheRightSideIsRead() throws Exception {
        // TPC-H Q11's shape: groups of a bind join kept where their sum exceeds a share of the same join's total; the
        // total (the nested loop's right side) is read first, the groups' chain meanwhile on another thread
        String join = "FROM {items} i JOIN {orders} o ON i.order_id = o.id JOIN [customers] c ON o.cust = c.id WHERE c.region = 'region 3'";
        String query = "SELECT o.cust, SUM(i.price) AS total " + join + " GROUP BY o.cust HAVING SUM(i.price) > (SELECT SUM(i.price) * 0.02 "
                + join + ")";
        String plan = junction.explain(federated(query));
        assertThat(plan).as(plan).containsSubsequence("NestedLoopJoin[", "Prefetch[", "BindScan[pg", "BindScan[pg");
        try (QueryResult r = junction.query(federated(query))) {
            awaitStatements(r, JoinOrderingTest::anyBound);
            assertThat(r.sourceStatements()).as("the left side's bound statement, sent before a row is read")
                    .anySatisfy(s -> assertThat(s.statement()).contains("unnest"));
            assertThat(r.toList()).isNotEmpty();
        }
        assertAnswerIsPostgres(query);
    }

    @Test
    void aSemiOrAntiJoinInJunctionFetchesOnlyTheDistinctKeysOfItsRightSide() throws Exception {
        // visits has 30,000 rows of 300 customers: whether a customer has visits needs only the 300 customer ids
        for (String query : List.of(
                "SELECT c.id, c.region FROM [customers] c WHERE c.id IN (SELECT v.cust FROM {visits} v)",
                "SELECT c.id, c.region FROM [customers] c WHERE NOT EXISTS (SELECT 1 FROM {visits} v WHERE v.cust = c.id + 150)")) {
            assertOneStatementTo("pg", query, "GROUP BY \"cust\"");
            assertAnswerIsPostgres(query);
            try (QueryResult r = junction.query(federated(query))) {
                r.toList();
                assertThat(r.sourceStatements()).filteredOn(s -> s.source().equals("pg")).singleElement()
                        .satisfies(s -> assertThat(s.rows()).isEqualTo(300));
            }
        }
    }

    @Test
    void aSameSourceJoinThatMultipliesItsRowsRunsInJunction() throws Exception {
        // 300 rows join 300 rows on a key of two values: 45,000 rows, far more bytes than fetching both sides
        String query = "SELECT a.id, b.id FROM {pairs} a JOIN {pairs} b ON a.k = b.k";
        List<PlannedStatement> statements = statements(query);
        assertThat(statements).as(junction.explain(federated(query))).hasSize(2)
                .allSatisfy(s -> assertThat(s.statement()).doesNotContain("JOIN"));
        assertAnswerIsPostgres(query);
    }

    @Test
    void aMultiplyingJoinReducedByAnAggregationInTheSameSourceIsPushedWhole() throws Exception {
        String query = "SELECT a.k, COUNT(*) AS n FROM {pairs} a JOIN {pairs} b ON a.k = b.k GROUP BY a.k";
        assertThat(statements(query)).as(junction.explain(federated(query))).singleElement()
                .satisfies(s -> assertThat(s.statement()).contains("JOIN", "GROUP BY"));
        assertAnswerIsPostgres(query);
    }

    @Test
    void outerSemiAndAntiJoinsStayWhereTheQueryPutsThem() throws Exception {
        assertAnswerIsPostgres("SELECT o.id, c.region, i.n FROM {orders} o LEFT JOIN [customers] c ON o.cust = c.id AND c.vip = 1 "
                + "JOIN {items} i ON i.order_id = o.id WHERE o.status = 'open'");
        assertAnswerIsPostgres("SELECT o.id, c.region, i.n FROM {items} i RIGHT JOIN {orders} o ON i.order_id = o.id "
                + "JOIN [customers] c ON o.cust = c.id WHERE c.vip = 1");
        assertAnswerIsPostgres("SELECT o.id, i.n, c.id FROM {orders} o FULL JOIN {items} i ON i.order_id = o.id AND i.n < 100 "
                + "JOIN [customers] c ON c.id = o.cust WHERE c.region = 'region 3'");
        assertAnswerIsPostgres("SELECT c.id, c.region FROM [customers] c WHERE c.id IN (SELECT o.cust FROM {orders} o JOIN {items} i "
                + "ON i.order_id = o.id WHERE i.price > 90)");
        assertAnswerIsPostgres("SELECT c.id FROM [customers] c WHERE NOT EXISTS (SELECT 1 FROM {orders} o JOIN {items} i "
                + "ON i.order_id = o.id WHERE o.cust = c.id AND i.price > 95)");
    }

    @Test
    void anOuterJoinBuildsItsSmallerInputWhicheverSideItKeeps() throws Exception {
        // 300 customers against 30,000 visits: the customers build, as the probe side then streams; customers 150 to
        // 299 meet no visit and visits of customers 0 to 149 meet no customer, so every kind of row shows up (the
        // planner turns the RIGHT JOIN around into the LEFT JOIN first; the join keeping its build side's rows is a
        // RIGHT join in the executor's terms)
        String on = " ON v.cust = c.id + 150";
        Map<String, String> executedAs = Map.of(
                "SELECT c.id, c.region, v.id AS visit FROM [customers] c LEFT JOIN {visits} v" + on, "HashJoin[RIGHT",
                "SELECT c.id, c.region, v.id AS visit FROM {visits} v RIGHT JOIN [customers] c" + on, "HashJoin[RIGHT",
                "SELECT c.id, c.region, v.id AS visit FROM [customers] c FULL JOIN {visits} v" + on + " AND v.id % 3 = 0", "HashJoin[FULL");
        assertCustomersBuild(executedAs);
    }

    @Test
    void aSemiOrAntiJoinBuildsItsSmallerLeftInputAndOutputsItsRowsThatHaveOrLackAMatch() throws Exception {
        // 300 customers against 9,000 items of 3,000 orders (too many distinct ids to fetch only those): the customers
        // build, every item probes, and the customers marked matched (or never marked) come out at the end
        Map<String, String> executedAs = Map.of(
                "SELECT c.id, c.region FROM [customers] c WHERE c.id IN (SELECT i.order_id FROM {items} i)", "HashJoin[RIGHT_SEMI",
                "SELECT c.id, c.region FROM [customers] c WHERE NOT EXISTS (SELECT 1 FROM {items} i WHERE i.order_id = c.id + 2900)",
                "HashJoin[RIGHT_ANTI",
                "SELECT c.id, c.region FROM [customers] c WHERE EXISTS (SELECT 1 FROM {items} i WHERE i.order_id = c.id AND i.price > c.vip * 90)",
                "HashJoin[RIGHT_SEMI");
        assertCustomersBuild(executedAs);
    }

    @Test
    void nullJoinKeysNeverMatchWhicheverOrderTheJoinsRunIn() throws Exception {
        assertAnswerIsPostgres("SELECT COUNT(*) AS n, COUNT(i.order_id) AS keyed FROM {items} i JOIN {orders} o ON i.order_id = o.id "
                + "JOIN [customers] c ON c.id = o.cust");
        assertAnswerIsPostgres("SELECT i.n, a.id FROM {items} i JOIN {pairs} a ON a.id = i.order_id JOIN [customers] c ON c.id = a.id "
                + "WHERE i.n < 2000");
    }

    @Test
    void aPartialAggregationRunsInTheSourceBelowACrossSourceJoin() throws Exception {
        // 3000 orders of 300 customers: PostgreSQL sends one partial row per customer, not one row per order (all
        // customers take part, so their keys would filter nothing: no bind join, which would be preferred)
        String query = "SELECT c.region, COUNT(*) AS n, COUNT(o.status) AS with_status, SUM(o.id) AS ids, MIN(o.status) AS first, "
                + "MAX(o.id) AS last FROM [customers] c JOIN {orders} o ON o.cust = c.id GROUP BY c.region";
        assertOneStatementTo("pg", query, "GROUP BY \"cust\"");
        assertAnswerIsPostgres(query);
        try (QueryResult r = junction.query(federated(query))) {
            r.toList();
            assertThat(r.sourceStatements()).filteredOn(s -> s.source().equals("pg")).singleElement()
                    .satisfies(s -> assertThat(s.rows()).isLessThanOrEqualTo(300));
        }
    }

    @Test
    void partialAggregatesOfTheSideAnOuterJoinMayMissCountUnmatchedRowsRight() throws Exception {
        // only even customers have open orders: odd ones meet no partial row, their counts are 0 and COUNT(*) is 1
        assertAnswerIsPostgres("SELECT c.id, COUNT(o.id) AS open_orders, COUNT(*) AS n, SUM(o.id) AS ids, MAX(o.id) AS last "
                + "FROM [customers] c LEFT JOIN {orders} o ON o.cust = c.id AND o.status = 'open' GROUP BY c.id");
        assertAnswerIsPostgres("SELECT n, COUNT(*) AS customers FROM (SELECT c.id, COUNT(o.id) AS n FROM {orders} o "
                + "RIGHT JOIN [customers] c ON o.cust = c.id AND o.status = 'open' GROUP BY c.id) t GROUP BY n");
        assertAnswerIsPostgres("SELECT COUNT(*) AS n, SUM(o.id) AS ids FROM [customers] c JOIN {orders} o ON o.cust = c.id WHERE c.vip = 1");
        // not NULL without an order: an unmatched customer adds 7 and 1 here, which no partial row of orders carries
        assertAnswerIsPostgres("SELECT c.region, SUM(COALESCE(o.id, 7)) AS ids, SUM(CASE WHEN o.status IS NULL THEN 1 ELSE 0 END) AS unmatched "
                + "FROM [customers] c LEFT JOIN {orders} o ON o.cust = c.id AND o.status = 'open' GROUP BY c.region");
    }

    @Test
    void explainShowsRowsAndCostOfEveryOperator() {
        String plan = junction.explain(federated("SELECT o.id, c.region FROM {orders} o JOIN [customers] c ON o.cust = c.id"));
        assertThat(plan.lines().filter(l -> l.contains("[") && !l.strip().startsWith("+")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).containsPattern("\\(est\\. rows=\\d+, cost=\\d+\\)"));
    }
}
