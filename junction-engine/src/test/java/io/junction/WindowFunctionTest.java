package io.junction;


import java.util.stream.Stream;

/** Window functions in Junction's engine (pushdown off) and pushed to PostgreSQL (on) match PostgreSQL. */
class WindowFunctionTest extends FeatureQueryTest {
    static Stream<String> queries() {
        return Stream.of(
                "SELECT id, g, ROW_NUMBER() OVER (PARTITION BY g ORDER BY x, id) AS rn FROM {t}",
                "SELECT id, g, x, RANK() OVER (PARTITION BY g ORDER BY x) AS r, DENSE_RANK() OVER (PARTITION BY g ORDER BY x) AS dr FROM {t}",
                "SELECT id, RANK() OVER (ORDER BY x DESC NULLS FIRST) AS r FROM {t}",
                "SELECT id, NTILE(3) OVER (ORDER BY id) AS b3, NTILE(7) OVER (PARTITION BY g ORDER BY id) AS b7, NTILE(100) OVER (ORDER BY id) AS b100 FROM {t}",
                "SELECT id, LAG(x) OVER (ORDER BY id) AS prv, LEAD(x, 2) OVER (ORDER BY id) AS next2, LAG(s, 1, 'none') OVER (PARTITION BY g ORDER BY id) AS ps FROM {t}",
                "SELECT id, LAG(x, 3, 0) OVER (PARTITION BY g ORDER BY id) AS l3, LEAD(id, 1, -1) OVER (PARTITION BY g ORDER BY id) AS nx FROM {t}",
                "SELECT id, FIRST_VALUE(s) OVER (PARTITION BY g ORDER BY id) AS f, LAST_VALUE(s) OVER (PARTITION BY g ORDER BY id) AS l FROM {t}",
                "SELECT id, LAST_VALUE(id) OVER (PARTITION BY g ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l FROM {t}",
                "SELECT id, FIRST_VALUE(id) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 4 FOLLOWING) AS f FROM {t}",
                "SELECT id, g, SUM(x) OVER (PARTITION BY g) AS total, COUNT(*) OVER (PARTITION BY g) AS n, COUNT(x) OVER (PARTITION BY g) AS nx FROM {t}",
                "SELECT id, SUM(x) OVER (ORDER BY id) AS run_sum, ROUND(AVG(x) OVER (ORDER BY id), 4) AS avg_running, MIN(x) OVER (ORDER BY id) AS lo, MAX(s) OVER (ORDER BY id) AS hi FROM {t}",
                "SELECT id, SUM(x) OVER (PARTITION BY g ORDER BY x) AS peers_sum, COUNT(*) OVER (PARTITION BY g ORDER BY x) AS peers_n FROM {t}",
                "SELECT id, SUM(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s3, MAX(x) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS m3 FROM {t}",
                "SELECT id, COUNT(*) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest, MIN(x) OVER (PARTITION BY g ORDER BY id ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later FROM {t}",
                "SELECT id, SUM(d) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) AS sd FROM {t}",
                "SELECT id, SUM(id) OVER (ORDER BY g RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS near, COUNT(*) OVER (ORDER BY g RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING) AS ahead FROM {t}",
                "SELECT id, COUNT(*) OVER (ORDER BY x DESC RANGE BETWEEN 1.5 PRECEDING AND CURRENT ROW) AS c FROM {t}",
                "SELECT id, COUNT(*) OVER (ORDER BY dt RANGE BETWEEN INTERVAL '3' DAY PRECEDING AND CURRENT ROW) AS recent FROM {t}",
                "SELECT id, SUM(x) OVER w AS s, ROW_NUMBER() OVER w AS rn FROM {t} WINDOW w AS (PARTITION BY b ORDER BY id) ORDER BY id",
                "SELECT g, SUM(x) AS total, RANK() OVER (ORDER BY SUM(x) DESC NULLS LAST) AS r FROM {t} GROUP BY g",
                "SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM {empty_t}",
                "SELECT id, ROW_NUMBER() OVER (PARTITION BY g ORDER BY id) AS rn FROM {t} ORDER BY rn DESC, id LIMIT 5",
                "SELECT id, COUNT(*) OVER () AS n, SUM(x) OVER () AS total FROM {t} WHERE id > 5");
    }
}
