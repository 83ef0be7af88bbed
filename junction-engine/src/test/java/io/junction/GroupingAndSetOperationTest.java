package io.junction;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Set operations, grouping sets, the further aggregates and scalar subqueries in Junction's engine (pushdown off) and pushed (on) match PostgreSQL. */
class GroupingAndSetOperationTest extends FeatureQueryTest {
    static Stream<String> queries() {
        return Stream.of(
                "SELECT g FROM {t} INTERSECT SELECT g FROM {u}",
                "SELECT g, s FROM {t} INTERSECT ALL SELECT g, s FROM {u}",
                "SELECT s FROM {u} INTERSECT ALL SELECT s FROM {u} WHERE id > 1",
                "SELECT g FROM {t} EXCEPT SELECT g FROM {u}",
                "SELECT g, s FROM {u} EXCEPT ALL SELECT g, s FROM {u} WHERE id IN (1, 4, 7)",
                "SELECT s FROM {u} EXCEPT SELECT s FROM {t}",
                "SELECT g FROM {u} EXCEPT ALL SELECT g FROM {u} WHERE id > 8 EXCEPT ALL SELECT id FROM {u} WHERE id = 5",
                "SELECT g FROM {t} INTERSECT SELECT id FROM {u} INTERSECT SELECT g FROM {u}",
                "SELECT CAST(g AS BIGINT) AS g FROM {t} INTERSECT SELECT id FROM {u}",
                "SELECT g FROM {empty_t} INTERSECT SELECT g FROM {u}",
                "SELECT g FROM {u} EXCEPT SELECT g FROM {empty_t}",
                "SELECT g, b, SUM(x) AS total, COUNT(*) AS n FROM {t} GROUP BY ROLLUP(g, b)",
                "SELECT g, b, COUNT(*) AS n, MAX(s) AS hi, GROUPING(g) AS gg, GROUPING(g, b) AS gb FROM {t} GROUP BY CUBE(g, b)",
                "SELECT g, s, COUNT(x) AS n FROM {t} GROUP BY GROUPING SETS ((g), (s), ())",
                "SELECT g, COUNT(*) AS n, SUM(x) AS total FROM {empty_t} GROUP BY ROLLUP(g)",
                "SELECT g, b, SUM(id) AS total FROM {t} WHERE g IS NOT NULL GROUP BY GROUPING SETS ((g, b), (g)) HAVING SUM(id) > 20",
                "SELECT g, ROUND(STDDEV(x), 6) AS sd, ROUND(VARIANCE(x), 6) AS v, ROUND(STDDEV_POP(x), 6) AS sdp, ROUND(VAR_POP(x), 6) AS vp FROM {t} GROUP BY g",
                "SELECT g, STDDEV_SAMP(d) AS sd, VAR_SAMP(d) AS v, STDDEV_POP(d) AS sdp, VAR_POP(d) AS vp FROM {t} GROUP BY g",
                "SELECT ROUND(STDDEV(id), 6) AS sd, ROUND(VAR_POP(id), 6) AS vp FROM {t}",
                "SELECT STDDEV(e.x) AS sd, VAR_POP(t.d) AS vp FROM {empty_t} e CROSS JOIN {t} t",
                "SELECT id, STDDEV_SAMP(x) AS one_row FROM {t} GROUP BY id HAVING id < 3",
                "SELECT g, BOOL_AND(b) AS all_b, BOOL_OR(b) AS any_b, EVERY(b) AS every_b FROM {t} GROUP BY g",
                "SELECT g, STRING_AGG(s, ', ' ORDER BY s, id) AS names FROM {t} GROUP BY g",
                "SELECT g, STRING_AGG(s, '|' ORDER BY id DESC) AS names FROM {t} GROUP BY g",
                "SELECT STRING_AGG(s, ',' ORDER BY s) AS names FROM {empty_t}",
                "SELECT g, COUNT(DISTINCT s) AS ds, SUM(DISTINCT x) AS sx FROM {t} GROUP BY g",
                "SELECT id, (SELECT u.s FROM {u} u WHERE u.id = t.g) AS us FROM {t} t",
                "SELECT id FROM {t} WHERE x > (SELECT MAX(x) - 5 FROM {t})",
                "SELECT id, (SELECT g FROM {u} WHERE id = 3) AS only_g FROM {t} WHERE id < 4");
    }

    @Test
    void scalarSubqueryWithTwoRowsIsACardinalityViolation() {
        String sql = "SELECT id, (SELECT u.id FROM pg." + pg.schema() + ".u u WHERE u.g = t.g) AS uid FROM pg." + pg.schema() + ".t t";
        assertThatThrownBy(() -> {
            try (QueryResult r = local.query(sql)) {
                r.toList();
            }
        }).isInstanceOfSatisfying(JunctionException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CARDINALITY_VIOLATION);
            assertThat(e.getMessage()).isEqualTo("more than one row returned by a subquery used as an expression");
        });
    }
}
