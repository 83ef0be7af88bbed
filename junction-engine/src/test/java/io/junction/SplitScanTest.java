package io.junction;

import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The planner reads large, barely filtered PostgreSQL scans as ctid page ranges, with the answer of one statement. */
class SplitScanTest {
    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();

    @BeforeAll
    static void loadLargeTable() {
        pg.execute("CREATE TABLE big (id INT PRIMARY KEY, v INT NOT NULL, tag TEXT)",
                "INSERT INTO big SELECT g, g % 1000, CASE WHEN g % 7 = 0 THEN NULL ELSE 't' || (g % 13) END FROM generate_series(1, 600000) g",
                "ANALYZE big");
    }

    private static Junction junction(int sourceParallelism) {
        return Junction.builder().source(pg.config("pg"))
                .settings(EngineSettings.defaults().withSourceParallelism(sourceParallelism)).build();
    }

    @Test
    void unselectiveScanOfALargeTableIsSplitAndReturnsTheSameRows() throws Exception {
        String where = " WHERE v < 900 AND tag <> 't3'";
        String sql = "SELECT id, v, tag FROM pg." + pg.schema() + ".big" + where;
        try (Junction split = junction(4); Junction single = junction(1)) {
            assertThat(split.explain(sql)).contains("ctid page ranges", "×4 (one snapshot)", "ctid >= '(", "\"v\" < 900");
            assertThat(single.explain(sql)).doesNotContain("ctid");
            long[] expected;
            try (Connection c = pg.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, v, tag FROM " + pg.schema() + ".big" + where)) {
                expected = fingerprints(rs);
            }
            assertThat(expected.length).isGreaterThan(400_000);
            long[] fromSplit;
            try (QueryResult r = split.query(sql)) {
                fromSplit = fingerprints(r);
                assertThat(r.sourceStatements()).singleElement().satisfies(st -> assertThat(st.statement()).contains("ctid page ranges"));
            }
            long[] fromSingle;
            try (QueryResult r = single.query(sql)) {
                fromSingle = fingerprints(r);
            }
            assertThat(fromSplit).isEqualTo(expected);
            assertThat(fromSingle).isEqualTo(expected);
        }
    }

    @Test
    void aggregateOverASplitScanWithPushdownOffMatchesPostgres() throws Exception {
        String sql = "SELECT tag, COUNT(*), SUM(v), MIN(id), MAX(id) FROM pg." + pg.schema() + ".big GROUP BY tag";
        try (Junction split = Junction.builder().source(pg.config("pg"))
                .settings(EngineSettings.defaults().withPushdown(false).withSourceParallelism(3)).build()) {
            assertThat(split.explain(sql)).contains("ctid page ranges", "×3");
            var reference = new java.util.ArrayList<java.util.List<Object>>();
            try (Connection c = pg.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT tag, COUNT(*), SUM(v), MIN(id), MAX(id) FROM " + pg.schema() + ".big GROUP BY tag")) {
                while (rs.next()) {
                    reference.add(Arrays.asList(rs.getString(1), rs.getLong(2), rs.getLong(3), (long) rs.getInt(4), (long) rs.getInt(5)));
                }
            }
            try (QueryResult r = split.query(sql)) {
                var actual = new java.util.ArrayList<java.util.List<Object>>();
                for (Row row : r) {
                    actual.add(Arrays.asList(row.getString(0), row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)));
                }
                assertThat(actual).hasSize(14).containsExactlyInAnyOrderElementsOf(reference);
            }
        }
    }

    @Test
    void selectiveFilterOnAnIndexedColumnStaysOneStatement() {
        String sql = "SELECT id, v, tag FROM pg." + pg.schema() + ".big WHERE id = 424243";
        try (Junction split = junction(4); QueryResult r = split.query(sql)) {
            assertThat(split.explain(sql)).doesNotContain("ctid").contains("WHERE \"id\" = 424243");
            assertThat(r.toList()).containsExactly(Arrays.asList(424243, 243, "t1"));
        }
    }

    /** Each row as one number (id, v and whether and which tag), sorted: equal arrays mean equal multisets of rows. */
    private static long[] fingerprints(QueryResult result) {
        long[] values = new long[1 << 16];
        int n = 0;
        for (Row row : result) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = fingerprint(row.getLong(0), row.getLong(1), row.isNull(2) ? null : row.getString(2));
        }
        values = Arrays.copyOf(values, n);
        Arrays.sort(values);
        return values;
    }

    private static long[] fingerprints(ResultSet rs) throws Exception {
        long[] values = new long[1 << 16];
        int n = 0;
        while (rs.next()) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = fingerprint(rs.getLong(1), rs.getLong(2), rs.getString(3));
        }
        values = Arrays.copyOf(values, n);
        Arrays.sort(values);
        return values;
    }

    private static long fingerprint(long id, long v, String tag) {
        return (id * 1000 + v) * 1000 + (tag == null ? 999 : tag.hashCode() & 511);
    }
}
