package io.junction.slt;

import io.junction.Junction;
import io.junction.QueryResult;
import io.junction.ResultColumn;
import io.junction.Row;
import io.junction.error.JunctionException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the records of one {@link SltFile} in one pass against one or more Junctions (pushdown off and on) and
 * the sources behind them: a {@code source=} statement runs once, every other record once per mode. Every
 * record runs even after a failure, so one run reports every wrong answer of a file; each failure names
 * file:line, the mode, the SQL, and expected against actual.
 */
final class SltRunner {
    private static final Pattern HASH_LINE = Pattern.compile("(\\d+) values hashing to ([0-9a-f]{32})");
    private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");

    /**
     * One way of answering the file's queries and what it produced. {@code junction} null is reference mode:
     * queries run in PostgreSQL, see {@link #referenceRows}.
     */
    static final class Mode {
        final Junction junction;
        final boolean pushdown;
        final List<String> failures = new ArrayList<>();
        /** The lines each query actually produced, for rewriting a file's expected results. */
        final Map<SltRecord.Query, List<String>> actualLines = new IdentityHashMap<>();

        Mode(Junction junction, boolean pushdown) {
            this.junction = junction;
            this.pushdown = pushdown;
        }
    }

    private final SltFile file;
    private final SltSources sources;
    private final List<Mode> modes;
    private int hashThreshold;

    SltRunner(SltFile file, SltSources sources, List<Mode> modes) {
        this.file = file;
        this.sources = sources;
        this.modes = modes;
    }

    /** Runs the file; each mode's {@code failures} then holds one message per failed record. */
    void run() {
        for (SltRecord record : file.records()) {
            switch (record) {
                case SltRecord.Halt halt -> {
                    return;
                }
                case SltRecord.HashThreshold t -> hashThreshold = t.threshold();
                case SltRecord.Statement s when s.source() != null -> runSourceStatement(s);
                case SltRecord.Statement s -> {
                    for (Mode mode : modes) {
                        if (s.condition() == null || s.condition().allows(mode.pushdown)) {
                            runStatement(mode, s);
                        }
                    }
                }
                case SltRecord.Query q -> {
                    for (Mode mode : modes) {
                        if (q.condition() == null || q.condition().allows(mode.pushdown)) {
                            runQuery(mode, q);
                        }
                    }
                }
            }
        }
    }

    private void runSourceStatement(SltRecord.Statement s) {
        String problem = null;
        try {
            sources.execute(s.source(), s.sql());
            if (s.expectedError() != null) {
                problem = "statement succeeded in source '" + s.source() + "' but an error was expected";
            }
        } catch (SQLException e) {
            if (s.expectedError() == null) {
                problem = "statement failed in source '" + s.source() + "': " + e.getSQLState() + ": " + e.getMessage();
            } else if (!errorMatches(s.expectedError(), e.getSQLState(), e.getMessage())) {
                problem = "expected an error matching '" + s.expectedError() + "' but got " + e.getSQLState() + ": " + e.getMessage();
            }
        }
        if (problem != null) {
            for (Mode mode : modes) {
                fail(mode, s.line(), s.sql(), problem);
            }
        }
    }

    private void runStatement(Mode mode, SltRecord.Statement s) {
        String errorState;
        String errorMessage;
        try {
            if (mode.junction == null) {
                referenceRows(s.sql());
            } else {
                try (QueryResult r = mode.junction.query(junctionSql(s.sql()))) {
                    r.forEach(row -> { });
                }
            }
            if (s.expectedError() != null) {
                fail(mode, s.line(), s.sql(), "statement succeeded but an error was expected"
                        + (s.expectedError().isEmpty() ? "" : " matching '" + s.expectedError() + "'"));
            }
            return;
        } catch (JunctionException e) {
            errorState = e.sqlState();
            errorMessage = e.getMessage();
        } catch (SQLException e) {
            errorState = e.getSQLState();
            errorMessage = e.getMessage();
        } catch (RuntimeException e) {
            fail(mode, s.line(), s.sql(), "raised " + e + " instead of a JunctionException\n" + stackTop(e));
            return;
        }
        if (s.expectedError() == null) {
            fail(mode, s.line(), s.sql(), "statement failed: " + errorState + ": " + errorMessage);
        } else if (!errorMatches(s.expectedError(), errorState, errorMessage)) {
            fail(mode, s.line(), s.sql(), "expected an error matching '" + s.expectedError() + "' but got " + errorState + ": " + errorMessage);
        }
    }

    private static boolean errorMatches(String expected, String state, String message) {
        if (expected.isEmpty()) {
            return true;
        }
        if (SQLSTATE.matcher(expected).matches()) {
            return expected.equals(state);
        }
        return Pattern.compile(expected, Pattern.DOTALL).matcher(state + " " + message).find();
    }

    private void runQuery(Mode mode, SltRecord.Query q) {
        List<List<String>> rows = new ArrayList<>();
        if (mode.junction == null) {
            try {
                rows = referenceRows(q.sql());
            } catch (SQLException e) {
                fail(mode, q.line(), q.sql(), "PostgreSQL failed: " + e.getSQLState() + ": " + e.getMessage());
                return;
            }
        } else try (QueryResult r = mode.junction.query(junctionSql(q.sql()))) {
            List<ResultColumn> columns = r.columns();
            if (columns.size() != q.types().length()) {
                fail(mode, q.line(), q.sql(), "the query returns " + columns.size() + " columns but declares " + q.types().length()
                        + " (" + q.types() + ")");
                return;
            }
            for (int i = 0; i < columns.size(); i++) {
                String mismatch = SltValueFormat.typeMismatch(q.types().charAt(i), columns.get(i).type());
                if (mismatch != null) {
                    fail(mode, q.line(), q.sql(), "column " + (i + 1) + " (" + columns.get(i).name() + "): " + mismatch);
                }
            }
            for (Row row : r) {
                List<String> values = new ArrayList<>(row.size());
                for (int c = 0; c < row.size(); c++) {
                    values.add(SltValueFormat.format(row.get(c)));
                }
                rows.add(values);
            }
        } catch (JunctionException e) {
            fail(mode, q.line(), q.sql(), "query failed: " + e.describe());
            return;
        } catch (RuntimeException e) {
            fail(mode, q.line(), q.sql(), "query raised " + e + " instead of a JunctionException\n" + stackTop(e));
            return;
        }
        List<String> actual = render(rows, q);
        mode.actualLines.put(q, actual);
        List<String> expected = q.expected();
        if (expected.size() == 1 && HASH_LINE.matcher(expected.getFirst().strip()).matches()
                || actual.size() == 1 && HASH_LINE.matcher(actual.getFirst()).matches()) {
            if (!expected.equals(actual)) {
                fail(mode, q.line(), q.sql(), "wrong result\nexpected:\n" + indent(expected) + "actual:\n" + indent(actual));
            }
            return;
        }
        List<String> valuewise = rows.stream().flatMap(List::stream).toList();
        boolean oneValuePerLine = q.types().length() > 1 && expected.size() == valuewise.size() && expected.size() != actual.size();
        List<String> comparable = oneValuePerLine ? valuewise : actual;
        if (!expected.equals(comparable)) {
            fail(mode, q.line(), q.sql(), "wrong result (" + comparable.size() + " lines, expected " + expected.size() + ")\nexpected:\n"
                    + indent(expected) + "actual:\n" + indent(comparable) + firstDifference(expected, comparable));
        }
    }

    /**
     * Reference mode (no Junction): the query runs in PostgreSQL with the {@code pg.} qualifiers removed, for
     * files whose tables all live in {@code pg}. Used to write expected results of features Junction lacks.
     */
    private List<List<String>> referenceRows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = sources.connect("pg"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(junctionSql(sql).replaceAll("\\bpg\\.", ""))) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Timestamp) {
                        v = rs.getObject(i, java.time.LocalDateTime.class);
                    } else if (v instanceof java.sql.Date) {
                        v = rs.getObject(i, java.time.LocalDate.class);
                    } else if (v instanceof java.sql.Time) {
                        v = rs.getObject(i, java.time.LocalTime.class);
                    } else if (v instanceof org.postgresql.util.PGobject o) {
                        v = o.getValue();
                    }
                    values.add(SltValueFormat.format(v));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    /** Rows after the sort mode, one tab-separated line each, or the hash line when over the threshold. */
    private List<String> render(List<List<String>> rows, SltRecord.Query q) {
        int valueCount = rows.size() * q.types().length();
        List<String> lines = new ArrayList<>();
        switch (q.sortMode()) {
            case NOSORT -> rows.forEach(r -> lines.add(String.join("\t", r)));
            case ROWSORT -> {
                List<List<String>> sorted = new ArrayList<>(rows);
                sorted.sort(SltRunner::compareRows);
                sorted.forEach(r -> lines.add(String.join("\t", r)));
            }
            case VALUESORT -> {
                List<String> values = new ArrayList<>(rows.stream().flatMap(List::stream).toList());
                values.sort(null);
                lines.addAll(values);
            }
        }
        if (hashThreshold > 0 && valueCount > hashThreshold) {
            return List.of(valueCount + " values hashing to " + md5(lines));
        }
        return lines;
    }

    private static int compareRows(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** MD5 of every value followed by a newline, values in result order (as sqllogictest hashes). */
    private static String md5(List<String> lines) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (String line : lines) {
                for (String value : line.split("\t", -1)) {
                    md.update((value + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<none>";
            String a = i < actual.size() ? actual.get(i) : "<none>";
            if (!e.equals(a)) {
                return "first difference at result line " + (i + 1) + ": expected [" + e.replace("\t", "|") + "] actual ["
                        + a.replace("\t", "|") + "]\n";
            }
        }
        return "";
    }

    private static String junctionSql(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    private void fail(Mode mode, int line, String sql, String what) {
        String where = mode.junction == null ? "PostgreSQL" : "pushdown " + (mode.pushdown ? "on" : "off");
        mode.failures.add(file.name() + ":" + line + " [" + where + "] " + what + "\n  query:\n" + indent(List.of(sql)));
    }

    private static String indent(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            for (String part : l.split("\n", -1)) {
                sb.append("    ").append(part).append('\n');
            }
        }
        return sb.toString();
    }

    private static String stackTop(Throwable e) {
        return String.join("\n", Arrays.stream(e.getStackTrace()).limit(8).map(f -> "      at " + f).toList());
    }
}
