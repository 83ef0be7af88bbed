package io.junction;

import io.junction.connector.TestDatabases;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one query through Junction and inside PostgreSQL over the same tables and compares the rows:
 * in order when the query ends with an ORDER BY, as multisets otherwise. Doubles are compared to 12
 * significant digits, since the engines may add the same values in a different order.
 */
final class PostgresReference {
    private static final Pattern TRAILING_ORDER_BY = Pattern.compile("(?is).*\\)?\\s*ORDER\\s+BY\\s+[^)]*$");

    private final TestDatabases pg;

    PostgresReference(TestDatabases pg) {
        this.pg = pg;
    }

    /** {@code {t}} in the query stands for a table of the test schema: pg.schema.t in Junction, schema.t in PostgreSQL. */
    void assertSame(Junction junction, String query) throws SQLException {
        assertSame(junction, query.replaceAll("\\{(\\w+)}", "pg." + pg.schema() + ".$1"), query.replaceAll("\\{(\\w+)}", pg.schema() + ".$1"));
    }

    /** {@code federated} through Junction, {@code local} (the same query over copies of its tables) inside PostgreSQL. */
    void assertSame(Junction junction, String federated, String local) throws SQLException {
        List<List<Object>> expected;
        try (Connection c = pg.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(local)) {
            expected = normalize(ResultNormalizer.read(rs));
        }
        List<List<Object>> actual;
        try (QueryResult r = junction.query(federated)) {
            actual = normalize(r.toList());
        }
        if (!TRAILING_ORDER_BY.matcher(local).matches()) {
            actual = ResultNormalizer.sorted(actual);
            expected = ResultNormalizer.sorted(expected);
        }
        assertThat(actual).as(federated).containsExactlyElementsOf(expected);
    }

    private static List<List<Object>> normalize(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : ResultNormalizer.normalize(rows)) {
            List<Object> r = new ArrayList<>();
            for (Object v : row) {
                r.add(v instanceof Double d && Double.isFinite(d) && d != 0
                        ? new BigDecimal(d).round(new MathContext(12)).stripTrailingZeros() + "d" : v);
            }
            out.add(r);
        }
        return out;
    }
}
