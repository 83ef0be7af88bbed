package io.junction.tpch;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Compares a TPC-H result from Junction with PostgreSQL's. Values are brought to one form first: every
 * exact number a BigDecimal without trailing zeros (2.50 equals 2.5 and 7 equals 7.0, as SQL compares
 * them), text without CHAR padding, dates as java.time. PostgreSQL's inexact decimals (AVG and
 * division, which it carries to at least 16 significant digits) are rounded half-up to the scale of
 * Junction's result column, which has a fixed scale by design (6 digits for AVG and division, see
 * JunctionTypeSystem in the engine); exact results (sums, products) have the same scale on both sides, so this
 * never hides a wrong digit in them. Row order is checked as the query's ORDER BY
 * defines it: rows with equal sort keys may come in any order, and in a LIMIT query the rows tied with
 * the last one may be different rows.
 */
public final class TpchResultComparison {
    private TpchResultComparison() {
    }

    public static List<List<Object>> read(ResultSet rs) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object v = rs.getObject(i);
                if (v instanceof java.sql.Date) {
                    v = rs.getObject(i, LocalDate.class);
                } else if (v instanceof java.sql.Timestamp) {
                    v = rs.getObject(i, LocalDateTime.class);
                }
                row.add(v);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * {@code rows} with each decimal that carries more fractional digits than {@code scales} allows for
     * its column, and each double in a column with a scale, rounded half-up to that scale; a negative
     * scale leaves the column alone.
     */
    public static List<List<Object>> roundedToScales(List<List<Object>> rows, int[] scales) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> r = new ArrayList<>(row);
            for (int i = 0; i < r.size() && i < scales.length; i++) {
                if (scales[i] >= 0 && r.get(i) instanceof BigDecimal d && d.scale() > scales[i]) {
                    r.set(i, d.setScale(scales[i], RoundingMode.HALF_UP));
                } else if (scales[i] >= 0 && r.get(i) instanceof Double d && Double.isFinite(d)) {
                    // a reference that computes AVG and division in floating point (DuckDB)
                    r.set(i, BigDecimal.valueOf(d).setScale(scales[i], RoundingMode.HALF_UP));
                }
            }
            out.add(r);
        }
        return out;
    }

    public static List<List<Object>> normalize(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            out.add(row.stream().map(TpchResultComparison::normalize).toList());
        }
        return out;
    }

    public static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue()).stripTrailingZeros();
        }
        if (v instanceof java.math.BigInteger b) {
            return new BigDecimal(b).stripTrailingZeros();
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof String s) {
            return s.stripTrailing();
        }
        return v;
    }

    /** Null when {@code actual} is a correct answer given {@code expected}; otherwise what differs. */
    public static String mismatch(TpchQuery query, List<List<Object>> expected, List<List<Object>> actual) {
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " rows, got " + actual.size() + firstDifference(sorted(expected), sorted(actual));
        }
        if (!query.ordered()) {
            return sorted(expected).equals(sorted(actual)) ? null : "rows differ" + firstDifference(sorted(expected), sorted(actual));
        }
        List<Integer> keys = query.sortKeyColumns();
        int start = 0;
        while (start < expected.size()) {
            List<Object> key = project(expected.get(start), keys);
            int end = start;
            while (end < expected.size() && project(expected.get(end), keys).equals(key)) {
                end++;
            }
            for (int i = start; i < end; i++) {
                if (!project(actual.get(i), keys).equals(key)) {
                    return "row " + (i + 1) + " has sort key " + project(actual.get(i), keys) + ", expected " + key
                            + "\n  expected row: " + expected.get(i) + "\n  actual row:   " + actual.get(i);
                }
            }
            boolean cutByLimit = query.limited() && end == expected.size();
            List<List<Object>> expectedRun = sorted(expected.subList(start, end));
            List<List<Object>> actualRun = sorted(actual.subList(start, end));
            if (!cutByLimit && !expectedRun.equals(actualRun)) {
                return "rows " + (start + 1) + ".." + end + " (sort key " + key + ") differ" + firstDifference(expectedRun, actualRun);
            }
            start = end;
        }
        return null;
    }

    private static List<Object> project(List<Object> row, List<Integer> columns) {
        List<Object> out = new ArrayList<>(columns.size());
        for (int c : columns) {
            out.add(row.get(c));
        }
        return out;
    }

    private static String firstDifference(List<List<Object>> expected, List<List<Object>> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            Object e = i < expected.size() ? expected.get(i) : "(none)";
            Object a = i < actual.size() ? actual.get(i) : "(none)";
            if (!Objects.equals(e, a)) {
                return "\n  first difference (sorted), row " + (i + 1) + "\n  expected: " + e + "\n  actual:   " + a;
            }
        }
        return "";
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }
}
