package io.junction;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Brings rows from Junction and from a JDBC reference query into one comparable form: every integer a
 * Long, decimals without trailing zeros (2.50 equals 2.5, as SQL compares them), SQL date/time classes
 * as java.time, fixed-width CHAR padding removed.
 */
final class ResultNormalizer {
    private ResultNormalizer() {
    }

    static List<List<Object>> read(ResultSet rs) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object v = rs.getObject(i);
                if (v instanceof java.sql.Timestamp) {
                    v = rs.getObject(i, java.time.LocalDateTime.class);
                } else if (v instanceof java.sql.Date) {
                    v = rs.getObject(i, java.time.LocalDate.class);
                } else if (v instanceof java.sql.Time) {
                    v = rs.getObject(i, java.time.LocalTime.class);
                }
                row.add(v);
            }
            rows.add(row);
        }
        return rows;
    }

    static List<List<Object>> normalize(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>(row.size());
            for (Object v : row) {
                r.add(normalize(v));
            }
            out.add(r);
        }
        return out;
    }

    static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof String s) {
            return s.stripTrailing();
        }
        return v;
    }

    static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }
}
