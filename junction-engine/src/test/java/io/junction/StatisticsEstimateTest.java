package io.junction;

import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The sources' statistics in Junction's estimates, and ANALYZE source.table refreshing them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsEstimateTest {
    @RegisterExtension
    static final TestDatabases PG = TestDatabases.postgres();

    private Junction junction;
    private Junction junctionNoPushdown;

    @BeforeAll
    void setUp() {
        // 2000 rows; grp has 4 values, code 25 values and a NULL in every 10th row.
        PG.execute("""
                CREATE TABLE facts AS
                SELECT g AS id, g % 4 AS grp, CASE WHEN g % 10 = 0 THEN NULL ELSE g % 25 END AS code
                FROM generate_series(1, 2000) g""", "ALTER TABLE facts ADD PRIMARY KEY (id)", "ANALYZE facts",
                "CREATE TABLE dims AS SELECT g, 'dim ' || g AS label FROM generate_series(0, 3) g", "ANALYZE dims");
        junction = Junction.builder().source(PG.config("pg")).build();
        junctionNoPushdown = Junction.builder().source(PG.config("pg")).settings(new EngineSettings(2048, false)).build();
    }

    @AfterAll
    void tearDown() {
        junction.close();
        junctionNoPushdown.close();
    }

    private static long firstEstimate(String plan) {
        Matcher m = Pattern.compile("est\\. rows=(\\d+)").matcher(plan);
        assertThat(m.find()).as("an estimate in%n%s", plan).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void aggregateEstimatesFollowTheDistinctCountOfTheGroupingColumn() {
        for (Junction j : List.of(junction, junctionNoPushdown)) {
            assertThat(firstEstimate(j.explain("SELECT grp, COUNT(*) FROM pg.facts GROUP BY grp"))).isEqualTo(4);
            // 25 values and one NULL group
            assertThat(firstEstimate(j.explain("SELECT code, COUNT(*) FROM pg.facts GROUP BY code"))).isEqualTo(26);
            assertThat(firstEstimate(j.explain("SELECT DISTINCT grp, code FROM pg.facts"))).isEqualTo(104);
        }
        assertThat(firstEstimate(junctionNoPushdown.explain("SELECT * FROM pg.facts"))).isEqualTo(2000);
    }

    @Test
    void likeEstimatesFollowThePatternsLiteralCharactersAndNotLikeKeepsTheRest() {
        for (Junction j : List.of(junction, junctionNoPushdown)) {
            // Calcite alone guesses a quarter for both, so NOT LIKE looked as selective as LIKE
            long rare = firstEstimate(j.explain("SELECT id FROM pg.facts WHERE CAST(id AS VARCHAR) LIKE '%special%requests%'"));
            long notRare = firstEstimate(j.explain("SELECT id FROM pg.facts WHERE CAST(id AS VARCHAR) NOT LIKE '%special%requests%'"));
            assertThat(rare).isLessThan(200);
            assertThat(notRare).isGreaterThan(1800);
            assertThat(rare + notRare).isBetween(1999L, 2001L);
            // up to four literal characters keep the quarter; an escaped wildcard is a literal character
            assertThat(firstEstimate(j.explain("SELECT id FROM pg.facts WHERE CAST(id AS VARCHAR) LIKE '1%2'"))).isEqualTo(500);
            assertThat(firstEstimate(j.explain("SELECT id FROM pg.facts WHERE CAST(id AS VARCHAR) LIKE '12!%34%' ESCAPE '!'")))
                    .isLessThan(500);
        }
    }

    @Test
    void joinEstimatesDivideByTheLargerDistinctCountOfTheKeys() {
        // every fact row finds exactly one of the 4 dims: 2000 * 4 / max(4, 4); Calcite's fixed selectivity says 1200
        String sql = "SELECT f.id, d.label FROM pg.facts f JOIN pg.dims d ON f.grp = d.g";
        assertThat(firstEstimate(junction.explain(sql))).isEqualTo(2000);
        assertThat(firstEstimate(junctionNoPushdown.explain(sql))).isEqualTo(2000);
    }

    @Test
    void aFilteredPrimaryKeyKeepsItsFilterInTheJoinEstimateWhenTheForeignKeysDistinctCountRunsLow() {
        // 8000 items, four per fact, but the statistics say 100 distinct fact ids (as PostgreSQL samples l_orderkey)
        PG.execute("CREATE TABLE items AS SELECT g AS item, g % 2000 + 1 AS fact_id FROM generate_series(1, 8000) g",
                "ALTER TABLE items ALTER COLUMN fact_id SET (n_distinct = 100)", "ANALYZE items");
        // the 500 facts of one group meet a quarter of the items: 500 * 8000 / 2000 facts in all, not / 500
        String sql = "SELECT f.id, i.item FROM pg.facts f JOIN pg.items i ON i.fact_id = f.id WHERE f.grp = 1";
        assertThat(firstEstimate(junctionNoPushdown.explain(sql))).isEqualTo(2000);
        assertThat(firstEstimate(junction.explain(sql))).isEqualTo(2000);
    }

    @Test
    void aCompositeKeyWithOneSideWithoutStatisticsDividesByTheKnownSidesDistinctCount(@TempDir Path dir) throws Exception {
        // a CSV file has no statistics: its side of the two-column key is taken as a foreign key into the facts' 104
        // (grp, code) pairs, as the join ordering takes it; the row count was Calcite's guess, 0.15 per column (1800)
        Files.writeString(dir.resolve("pairs.csv"), "grp,code\n" + "1,5\n".repeat(40));
        try (Junction withFile = Junction.builder().source(PG.config("pg"))
                .source(SourceConfig.ofPath("files", SourceType.CSV, dir.toString())).build()) {
            long pairs = firstEstimate(withFile.explain("SELECT * FROM files.pairs"));
            String plan = withFile.explain("SELECT f.id FROM pg.facts f JOIN files.pairs p ON f.grp = p.grp AND f.code = p.code");
            // the file's integers are BIGINT: the facts' keys are cast to it, and code keeps its tenth of NULLs through the cast
            assertThat(plan).contains("CAST(\"code\" AS BIGINT)");
            assertThat(firstEstimate(plan)).as("%s", plan).isEqualTo(Math.round(2000.0 * pairs / 104 * 0.9));
        }
    }

    @Test
    void rangesOfNumbersAndDatesTakeTheirShareOfTheColumnsSpan() {
        PG.execute("CREATE TABLE visits AS SELECT g AS id, DATE '2020-01-01' + (g % 366) AS visited_on FROM generate_series(1, 3660) g",
                "ANALYZE visits");
        for (Junction j : List.of(junction, junctionNoPushdown)) {
            // ids 1 to 2000: 499 of the 1999 between them, where Calcite guesses a quarter or a half of the rows
            assertThat(firstEstimate(j.explain("SELECT grp FROM pg.facts WHERE id >= 101 AND id < 600"))).isEqualTo(499);
            assertThat(firstEstimate(j.explain("SELECT grp FROM pg.facts WHERE id > 1500"))).isEqualTo(500);
            // days 2020-01-01 to 2020-12-31: January is 31 of the 365 days between them
            assertThat(firstEstimate(j.explain("SELECT id FROM pg.visits WHERE visited_on >= DATE '2020-01-01' AND visited_on < DATE '2020-02-01'")))
                    .isEqualTo(Math.round(3660 * 31 / 365.0));
            // outside the span: one value's share
            assertThat(firstEstimate(j.explain("SELECT id FROM pg.visits WHERE visited_on > DATE '2021-06-01'"))).isEqualTo(10);
        }
    }

    @Test
    void nullFractionsShapeNullTestsAndEqualitiesAndNullJoinKeysNeverMatch() {
        for (Junction j : List.of(junction, junctionNoPushdown)) {
            // code is NULL in a tenth of the 2000 rows and has 25 values; Calcite alone guesses 0.25 and 0.9
            assertThat(firstEstimate(j.explain("SELECT id FROM pg.facts WHERE code IS NULL"))).isEqualTo(200);
            assertThat(firstEstimate(j.explain("SELECT id FROM pg.facts WHERE code IS NOT NULL"))).isEqualTo(1800);
            assertThat(firstEstimate(j.explain("SELECT id FROM pg.facts WHERE code = 7"))).isEqualTo(72);
            assertThat(firstEstimate(j.explain("SELECT id FROM pg.facts WHERE code IN (7, 8)"))).isEqualTo(144);
        }
        // 2000 * 2000 / 26 groups (25 values and NULL), and only the 90% of non-NULL keys on each side can match
        String selfJoin = "SELECT a.id, b.id FROM pg.facts a JOIN pg.facts b ON a.code = b.code";
        assertThat(firstEstimate(junctionNoPushdown.explain(selfJoin))).isEqualTo(Math.round(2000.0 * 2000 / 26 * 0.9 * 0.9));
    }

    @Test
    void analyzeRefreshesTheCachedStatisticsAndTheEstimates() {
        PG.execute("CREATE TABLE growing AS SELECT g AS id, g % 3 AS k FROM generate_series(1, 10) g", "ANALYZE growing");
        assertThat(firstEstimate(junction.explain("SELECT * FROM pg.growing"))).isEqualTo(10);

        PG.execute("INSERT INTO growing SELECT g, g % 3 FROM generate_series(11, 600) g", "ANALYZE growing");
        assertThat(firstEstimate(junction.explain("SELECT * FROM pg.growing"))).as("cached").isEqualTo(10);

        try (QueryResult result = junction.query("ANALYZE pg.growing")) {
            assertThat(result.columns().stream().map(ResultColumn::name)).containsExactly(
                    "source", "schema", "table", "column", "row_count", "distinct_count", "null_fraction", "min", "max");
            List<List<Object>> rows = result.toList();
            assertThat(rows.getFirst()).containsExactly("pg", PG.schema(), "growing", null, 600L, null, null, null, null);
            // few values all land in PostgreSQL's most-common-values list, which leaves no histogram: min/max are theirs
            assertThat(rows).contains(Arrays.asList("pg", PG.schema(), "growing", "k", null, 3L, 0.0, "0", "2"));
            assertThat(rows).contains(Arrays.asList("pg", PG.schema(), "growing", "id", null, 600L, 0.0, "1", "600"));
        }
        assertThat(firstEstimate(junction.explain("SELECT * FROM pg.growing"))).isEqualTo(600);
        assertThat(firstEstimate(junction.explain("SELECT k, COUNT(*) FROM pg.growing GROUP BY k"))).isEqualTo(3);
    }

    @Test
    void analyzeAcceptsAThreePartNameAndQuotedParts() {
        try (QueryResult result = junction.query("analyze pg.\"" + PG.schema() + "\".FACTS;")) {
            List<List<Object>> rows = result.toList();
            assertThat(rows.getFirst().get(4)).isEqualTo(2000L);
            assertThat(rows).anySatisfy(r -> assertThat(r.subList(3, 7)).containsExactly("code", null, 25L, 0.1));
        }
    }
}
