package io.junction.slt;

import io.junction.EngineSettings;
import io.junction.Junction;
import io.junction.QueryResult;
import io.junction.Row;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.connector.TestDatabases;
import io.junction.error.JunctionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random queries ({@link RandomQueryGenerator}) over random tables ({@link RandomDataset}) answered by Junction in
 * four ways — all tables in PostgreSQL, and split over PostgreSQL (t1), MariaDB (t2) and SQLite (t3); each with
 * pushdown off and on — and by PostgreSQL itself; every answer must equal PostgreSQL's exactly (values as the
 * slt format prints them: decimals exact, order compared only under ORDER BY).
 *
 * <p>The normal run does {@value #DEFAULT_QUERIES} queries of seed {@value #DEFAULT_SEED} within
 * {@value #DEFAULT_SECONDS} s. A nightly-size run: {@code -Djunction.differential.queries=5000
 * -Djunction.differential.seed=N -Djunction.differential.seconds=3600}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialQueryTest {
    private static final long DEFAULT_SEED = 20_240_601L;
    private static final int DEFAULT_QUERIES = 200;
    private static final int DEFAULT_SECONDS = 35;
    private static final int REPORTED_MISMATCHES = 15;

    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases maria = TestDatabases.mariadb();

    private final long seed = Long.getLong("junction.differential.seed", DEFAULT_SEED);
    private final int queries = Integer.getInteger("junction.differential.queries", DEFAULT_QUERIES);
    private final int seconds = Integer.getInteger("junction.differential.seconds", DEFAULT_SECONDS);
    private Path sqliteFile;
    /** Junction configurations by name, with how each names the three tables. */
    private final Map<String, Target> targets = new LinkedHashMap<>();

    private record Target(Junction junction, String t1, String t2, String t3) {
        String sql(String template) {
            return template.replace("{t1}", t1).replace("{t2}", t2).replace("{t3}", t3);
        }
    }

    @BeforeAll
    void load() throws Exception {
        RandomDataset data = new RandomDataset(seed);
        sqliteFile = Files.createTempFile("junction-differential", ".db");
        try (Connection p = pg.connect(); Connection m = maria.connect(); Connection s = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile)) {
            data.load(p, List.of("t1", "t2", "t3"));
            try (Statement st = p.createStatement()) {
                st.execute("ANALYZE");
            }
            data.load(m, List.of("t2"));
            data.load(s, List.of("t3"));
        }
        for (boolean pushdown : new boolean[]{false, true}) {
            String mode = pushdown ? "pushdown on" : "pushdown off";
            Junction single = Junction.builder().source(pg.config("pg"))
                    .settings(EngineSettings.defaults().withPushdown(pushdown)).build();
            targets.put("postgres only, " + mode, new Target(single, "pg.t1", "pg.t2", "pg.t3"));
            Junction federated = Junction.builder().source(pg.config("pg")).source(maria.config("maria"))
                    .source(SourceConfig.ofPath("lite", SourceType.SQLITE, sqliteFile.toString()))
                    .settings(EngineSettings.defaults().withPushdown(pushdown)).build();
            targets.put("federated, " + mode, new Target(federated, "pg.t1", "maria.t2", "lite.t3"));
        }
    }

    @AfterAll
    void close() throws Exception {
        for (Target t : targets.values()) {
            t.junction().close();
        }
        Files.deleteIfExists(sqliteFile);
    }

    @Test
    void junctionAnswersAsPostgresDoes() throws SQLException {
        RandomQueryGenerator generator = new RandomQueryGenerator(seed);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<String> mismatches = new ArrayList<>();
        int mismatchCount = 0;
        int run = 0;
        int nonEmpty = 0;
        try (Connection reference = pg.connect()) {
            for (; run < queries && System.nanoTime() < deadline; run++) {
                RandomQueryGenerator.GeneratedQuery q = generator.next();
                String referenceSql = q.sql().replace("{t1}", "t1").replace("{t2}", "t2").replace("{t3}", "t3");
                List<List<String>> expected;
                try {
                    expected = referenceRows(reference, referenceSql);
                } catch (SQLException e) {
                    throw new AssertionError("the generator produced a query PostgreSQL rejects (seed " + seed + ", query " + run + "): "
                            + e.getMessage() + "\n" + referenceSql, e);
                }
                if (!expected.isEmpty()) {
                    nonEmpty++;
                }
                for (Map.Entry<String, Target> target : targets.entrySet()) {
                    String sql = target.getValue().sql(q.sql());
                    String problem = compare(target.getValue().junction(), sql, q.ordered(), expected);
                    if (problem != null) {
                        mismatchCount++;
                        if (mismatches.size() < REPORTED_MISMATCHES) {
                            mismatches.add("query " + run + " [" + target.getKey() + "]: " + problem + "\n  " + sql);
                        }
                    }
                }
            }
        }
        System.out.printf("differential: seed %d, %d queries (%d with rows) x %d configurations, %d mismatches%n",
                seed, run, nonEmpty, targets.size(), mismatchCount);
        assertThat(mismatches).as("%d mismatches against PostgreSQL (seed %d); the first ones:%n%s", mismatchCount, seed,
                String.join("\n\n", mismatches)).isEmpty();
        // The time bound keeps the suite fast on a loaded machine; the seed fixes which queries come first.
        assertThat(run).as("queries run within %d s", seconds).isGreaterThanOrEqualTo(Math.min(queries, 20));
        assertThat(nonEmpty).as("queries whose answer has rows").isGreaterThan(run / 3);
    }

    /** Why Junction's answer differs from {@code expected}, or null when it does not. */
    private static String compare(Junction junction, String sql, boolean ordered, List<List<String>> expected) {
        List<List<String>> actual = new ArrayList<>();
        try (QueryResult r = junction.query(sql)) {
            for (Row row : r) {
                List<String> values = new ArrayList<>(row.size());
                for (int c = 0; c < row.size(); c++) {
                    values.add(SltValueFormat.format(row.get(c)));
                }
                actual.add(values);
            }
        } catch (JunctionException e) {
            return "failed: " + e.describe();
        } catch (RuntimeException e) {
            return "raised " + e;
        }
        List<List<String>> want = expected;
        if (!ordered) {
            actual = sorted(actual);
            want = sorted(expected);
        }
        if (actual.equals(want)) {
            return null;
        }
        for (int i = 0; i < Math.max(actual.size(), want.size()); i++) {
            List<String> a = i < actual.size() ? actual.get(i) : null;
            List<String> e = i < want.size() ? want.get(i) : null;
            if (a == null || !a.equals(e)) {
                return "wrong result (" + actual.size() + " rows, PostgreSQL " + want.size() + "); first difference at row " + (i + 1)
                        + ": expected " + e + " actual " + a;
            }
        }
        return "wrong result";
    }

    private static List<List<String>> referenceRows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    values.add(SltValueFormat.format(rs.getObject(i)));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(List::toString));
        return copy;
    }
}
