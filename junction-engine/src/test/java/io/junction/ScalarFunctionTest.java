package io.junction;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Text, math and date/time functions in Junction's engine (pushdown off) and pushed (on) match PostgreSQL. */
class ScalarFunctionTest extends FeatureQueryTest {
    static Stream<String> queries() {
        return Stream.of(
                "SELECT id, s ILIKE 'a%' AS i1, s NOT ILIKE '%AN%' AS i2, s NOT LIKE 'a%' AS l1, s ILIKE 'élan' AS i3 FROM {t}",
                "SELECT id, s SIMILAR TO '(a|b)%' AS s1, s SIMILAR TO '%(pp|rr)%' AS s2, s NOT SIMILAR TO '[a-c]%' AS s3, s SIMILAR TO 'a\\_b' AS s4, s SIMILAR TO '100#%' ESCAPE '#' AS s5, s SIMILAR TO 'a.*' AS dot FROM {t}",
                "SELECT id, LPAD(s, 7, '*-') AS lp, RPAD(s, 3) AS rp, LPAD(s, 0) AS none_left, RPAD(s, 8, 'xy') AS rp8 FROM {t}",
                "SELECT id, LTRIM('  ' || s || '  ') AS lt, RTRIM(s || '  ') AS rt, TRIM(LEADING 'a' FROM s) AS tl, TRIM(TRAILING 'e' FROM s) AS tt, TRIM(BOTH 'ae' FROM s) AS tb FROM {t}",
                "SELECT id, POSITION('a' IN s) AS p, POSITION('' IN s) AS p0 FROM {t}",
                "SELECT id, MOD(id, 7) AS m, MOD(-id, 4) AS mn, MOD(x, 3) AS mx FROM {t}",
                "SELECT id, POWER(d, 2) AS sq, SQRT(ABS(d)) AS rt, LN(ABS(d) + 1) AS l, EXP(d) AS e, SIGN(d) AS sd, SIGN(x) AS sx FROM {t}",
                "SELECT id, DATE_TRUNC('month', ts) AS m, DATE_TRUNC('hour', ts) AS h, DATE_TRUNC('week', ts) AS w, DATE_TRUNC('year', ts) AS y, DATE_TRUNC('quarter', ts) AS q, DATE_TRUNC('day', ts) AS d FROM {t}",
                "SELECT id, CAST(dt + INTERVAL '1' DAY AS DATE) AS tomorrow, CAST(dt - INTERVAL '2' MONTH AS DATE) AS earlier, CAST(dt + INTERVAL '1' MONTH AS DATE) AS later FROM {t}",
                "SELECT id, ts + INTERVAL '3' HOUR AS h, ts - INTERVAL '1-2' YEAR TO MONTH AS ym, ts + INTERVAL '1 02:03' DAY TO MINUTE AS dm, ts + id * INTERVAL '1' MINUTE AS per_id, ts - INTERVAL '0.5' SECOND AS half FROM {t}",
                "SELECT id FROM {t} WHERE ts > TIMESTAMP '2024-03-15 00:00:00' - INTERVAL '7' DAY AND dt < CURRENT_DATE",
                "SELECT COUNT(*) AS n FROM {t} WHERE dt <= CURRENT_DATE AND ts < LOCALTIMESTAMP");
    }

    @Test
    void currentTimeIsFixedOncePerQuery() {
        LocalDateTime before = LocalDateTime.now().minusSeconds(1);
        List<List<Object>> rows;
        try (QueryResult r = local.query("SELECT CURRENT_TIMESTAMP AS a, LOCALTIMESTAMP AS b, CURRENT_DATE AS c FROM pg." + pg.schema() + ".t")) {
            rows = r.toList();
        }
        assertThat(rows).hasSize(40);
        assertThat(rows.stream().distinct()).hasSize(1);
        Object stamp = rows.getFirst().get(1);
        assertThat(stamp).isInstanceOf(LocalDateTime.class);
        assertThat((LocalDateTime) stamp).isBetween(before, LocalDateTime.now().plusSeconds(1));
        assertThat(rows.getFirst().get(2)).isEqualTo(((LocalDateTime) stamp).toLocalDate());
    }
}
