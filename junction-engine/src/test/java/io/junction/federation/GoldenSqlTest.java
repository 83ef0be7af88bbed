package io.junction.federation;

import io.junction.Junction;
import io.junction.connector.SourceDialect;
import io.junction.connector.SourceType;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.connector.duckdb.DuckDbDialect;
import io.junction.connector.mysql.MysqlDialect;
import io.junction.connector.postgres.PostgresDialect;
import io.junction.connector.sqlite.SqliteDialect;
import io.junction.types.ColumnMetadata;
import io.junction.types.JunctionType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins, per dialect, the plan and the exact SQL each source receives for a corpus of query shapes,
 * without a database. Run with -Djunction.golden.update=true to rewrite the files after an intended
 * change, then review the diff.
 */
class GoldenSqlTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("junction.golden.update");

    private static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        CASES.put("filter_projection", "SELECT id, amount FROM s.orders WHERE amount > 100 AND status = 'open'");
        CASES.put("join_aggregate", "SELECT c.country, COUNT(*) AS n, SUM(o.amount) AS total FROM s.orders o JOIN s.customers c "
                + "ON o.customer_id = c.id GROUP BY c.country HAVING COUNT(*) > 1");
        CASES.put("top_n_nulls", "SELECT id, amount FROM s.orders ORDER BY amount DESC, id LIMIT 5 OFFSET 10");
        CASES.put("sort_nulls_first", "SELECT id FROM s.orders ORDER BY amount NULLS FIRST, note DESC NULLS LAST");
        CASES.put("like_escape", "SELECT id FROM s.orders WHERE note LIKE '100\\%%' ESCAPE '\\'");
        CASES.put("in_list_between", "SELECT id FROM s.orders WHERE status IN ('a', 'b', 'c') AND id BETWEEN 1 AND 10");
        CASES.put("case_cast", "SELECT CASE WHEN amount IS NULL THEN 'none' ELSE CAST(amount AS VARCHAR(20)) END AS label FROM s.orders");
        CASES.put("date_literals", "SELECT c.id FROM s.customers c WHERE c.signup >= DATE '2024-01-01' "
                + "AND c.id IN (SELECT customer_id FROM s.orders WHERE ordered_at < TIMESTAMP '2024-06-01 12:00:00')");
        CASES.put("nasty_literal", "SELECT id FROM s.orders WHERE note = 'it''s -- not /* a */ comment; \\ \"q\"'");
        CASES.put("nasty_identifiers", "SELECT \"it's\", \"Col\"\"dq\" FROM s.\"we\"\"ird\" WHERE \"it's\" > 0");
        CASES.put("integer_division", "SELECT id / 3 AS third, amount / 3 AS amount_third FROM s.orders");
        CASES.put("distinct_union", "SELECT status FROM s.orders UNION SELECT country FROM s.customers");
        CASES.put("count_distinct", "SELECT status, COUNT(DISTINCT customer_id) AS buyers, AVG(amount) AS mean FROM s.orders GROUP BY status");
        CASES.put("or_implied_filters", "SELECT o.id FROM s.orders o JOIN t.customers c ON o.customer_id = c.id "
                + "WHERE (o.status = 'open' AND c.country = 'NO') OR (o.status = 'paid' AND c.country = 'SE')");
        CASES.put("not_exists_non_equi", "SELECT c.id FROM s.customers c WHERE NOT EXISTS "
                + "(SELECT 1 FROM s.orders o WHERE o.customer_id = c.id AND o.amount > 100 AND o.id <> c.id)");
        CASES.put("char_comparison", "SELECT id FROM s.customers WHERE country IN ('N', 'SWE') AND country <> 'D '");
        CASES.put("char_comparison_in_subquery", "SELECT name FROM s.customers WHERE signup IN (SELECT signup FROM s.customers WHERE country = 'N')");
        CASES.put("cross_source", "SELECT o.id, c.name FROM s.orders o JOIN t.customers c ON o.customer_id = c.id "
                + "WHERE o.amount > 10 AND c.country = 'DE' AND UPPER(c.name) LIKE 'A%'");
        CASES.put("repeated_with", "WITH t AS (SELECT customer_id, SUM(amount) AS total FROM s.orders GROUP BY customer_id) "
                + "SELECT customer_id FROM t WHERE total = (SELECT MAX(total) FROM t)");
        CASES.put("repeated_with_join", "WITH t AS (SELECT c.id, COUNT(*) AS n FROM s.customers c JOIN s.orders o ON o.customer_id = c.id "
                + "WHERE c.country IN ('N', 'SE') AND c.id IN (SELECT customer_id FROM s.orders WHERE status = 'open') GROUP BY c.id) "
                + "SELECT id FROM t WHERE n = (SELECT MAX(n) FROM t) OR id IN (SELECT id + 1 FROM t)");
        // an aggregation over 5M rows filtered on its sums and joined: PostgreSQL gets it as a MATERIALIZED WITH
        CASES.put("joined_having_aggregate", "SELECT e.customer_id, SUM(e.amount) AS total FROM s.events e WHERE e.customer_id IN "
                + "(SELECT customer_id FROM s.events GROUP BY customer_id HAVING SUM(amount) > 300) GROUP BY e.customer_id");
    }

    private static final Map<String, SourceDialect> DIALECTS = Map.of(
            "postgresql", PostgresDialect.INSTANCE, "mysql", MysqlDialect.INSTANCE,
            "sqlite", SqliteDialect.INSTANCE, "duckdb", DuckDbDialect.INSTANCE);

    private static List<TableMetadata> tables() {
        return List.of(
                table("orders", List.of("id"),
                        col("id", JunctionType.INTEGER), col("customer_id", JunctionType.INTEGER),
                        col("amount", JunctionType.decimal(12, 2)), col("status", JunctionType.varchar(10)),
                        col("ordered_at", JunctionType.TIMESTAMP), col("note", JunctionType.VARCHAR)),
                table("customers", List.of("id"),
                        col("id", JunctionType.INTEGER), col("name", JunctionType.VARCHAR),
                        col("country", JunctionType.chr(2)), col("signup", JunctionType.DATE)),
                table("we\"ird", List.of(), col("it's", JunctionType.INTEGER), col("Col\"dq", JunctionType.VARCHAR)),
                new TableMetadata("main", "events", TableInfo.Kind.TABLE, List.of(col("customer_id", JunctionType.INTEGER),
                        col("amount", JunctionType.decimal(12, 2))), List.of(), OptionalLong.of(5_000_000)));
    }

    private static TableMetadata table(String name, List<String> key, ColumnMetadata... columns) {
        return new TableMetadata("main", name, TableInfo.Kind.TABLE, List.of(columns), key, OptionalLong.of(1000));
    }

    private static ColumnMetadata col(String name, JunctionType type) {
        return new ColumnMetadata(name, type, true, type.toString());
    }

    @TestFactory
    List<DynamicTest> plansMatchGoldenFiles() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var dialect : new java.util.TreeMap<>(DIALECTS).entrySet()) {
            for (var c : CASES.entrySet()) {
                tests.add(DynamicTest.dynamicTest(dialect.getKey() + "/" + c.getKey(), () -> check(dialect.getKey(), dialect.getValue(), c.getKey(), c.getValue())));
            }
        }
        return tests;
    }

    private static void check(String dialectName, SourceDialect dialect, String name, String sql) {
        SourceType type = SourceType.fromConfigName(dialectName);
        String plan;
        try (Junction j = Junction.builder()
                .connector(new StubConnector("s", type, dialect, tables()))
                .connector(new StubConnector("t", type, dialect, tables()))
                .build()) {
            plan = "-- " + sql + "\n" + j.explain(sql);
        }
        Path file = GOLDEN.resolve(dialectName).resolve(name + ".txt");
        try {
            if (UPDATE || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, plan);
                assertThat(UPDATE).as("golden file " + file + " was missing and has been written; review and commit it").isTrue();
            }
            assertThat(plan).as("plan for " + dialectName + "/" + name + " (rerun with -Djunction.golden.update=true after an intended change)")
                    .isEqualTo(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
