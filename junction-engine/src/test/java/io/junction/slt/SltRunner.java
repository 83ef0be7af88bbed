package io.junction.slt;

import io.junction.Junction;
import io.junction.QueryResult;
import io.junction.ResultColumn;
import io.junction.Row;
import io.junction.error.JunctionException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the records of one {@link SltFile} against a Junction (with pushdown on or off) and the sources
 * behind it. Every record runs even after a failure, so one run reports every wrong answer of a file;
 * each failure names file:line, the SQL, and expected against actual.
 */
final class SltRunner {
    private static final Pattern HASH_LINE = Pattern.compile("(\\d+) values hashing to ([0-9a-f]{32})");
    private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");

    private final SltFile file;
    private final SltSources sources;
    private final Junction junction;
    private final boolean pushdown;
    private final List<String> failures = new ArrayList<>();
    /** The lines each query actually produced, for rewriting a file's expected results. */
    private final Map<SltRecord.Query, List<String>> actualLines = new IdentityHashMap<>();
    private int hashThreshold;

    SltRunner(SltFile file, SltSources sources, Junction junction, boolean pushdown) {
        this.file = file;
        this.sources = sources;
        this.junction = junction;
        this.pushdown = pushdown;
    }

    /** Runs the file; returns one message per failed record, empty when all passed. */
    List<String> run() {
        for (SltRecord record : file.records()) {
            switch (record) {
                case SltRecord.Halt halt -> {
                    return failures;
                }
                case SltRecord.HashThreshold t -> hashThreshold = t.threshold();
                case SltRecord.Statement s -> {
                    if (s.condition() == null || s.condition().allows(pushdown)) {
                        runStatement(s);
                    }
                }
                case SltRecord.Query q -> {
                    if (q.condition() == null || q.condition().allows(pushdown)) {
                        runQuery(q);
                    }
                }
            }
        }
        return failures;
    }

    Map<SltRecord.Query, List<String>> actualLines() {
        return actualLines;
    }

    private void runStatement(SltRecord.Statement s) {
        String errorState;
        String errorMessage;
        try {
            if (s.source() != null) {
                sources.execute(s.source(), s.sql());
            } else {
                try (QueryResult r = junction.query(junctionSql(s.sql()))) {
                    r.forEach(row -> { });
                }
            }
            if (s.expectedError() != null) {
                fail(s.line(), s.sql(), "statement succeeded but an error was expected"
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
            fail(s.line(), s.sql(), "raised " + e + " instead of a JunctionException\n" + stackTop(e));
            return;
        }
        if (s.expectedError() == null) {
            fail(s.line(), s.sql(), "statement failed: " + errorState + ": " + errorMessage);
        } else if (!errorMatches(s.expectedError(), errorState, errorMessage)) {
            fail(s.line(), s.sql(), "expected an error matching '" + s.expectedError() + "' but got " + errorState + ": " + errorMessage);
        }
    }

    private static boolean errorMatches(String expected, String state, String message) {
        if (expected.isEmpty()) {
            return true;
        }
        if (SQLSTATE.matcher(expected).matches()) {
            return expected.equals(state);
        }
        return message != null && Pattern.compile(expected, Pattern.DOTALL).matcher(message).find();
    }

    private void runQuery(SltRecord.Query q) {
        List<List<String>> rows = new ArrayList<>();
        try (QueryResult r = junction.query(junctionSql(q.sql()))) {
            List<ResultColumn> columns = r.columns();
            if (columns.size() != q.types().length()) {
                fail(q.line(), q.sql(), "the query returns " + columns.size() + " columns but declares " + q.types().length()
                        + " (" + q.types() + ")");
                return;
            }
            for (int i = 0; i < columns.size(); i++) {
                String mismatch = SltValueFormat.typeMismatch(q.types().charAt(i), columns.get(i).type());
                if (mismatch != null) {
                    fail(q.line(), q.sql(), "column " + (i + 1) + " (" + columns.get(i).name() + "): " + mismatch);
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
            fail(q.line(), q.sql(), "query failed: " + e.describe());
            return;
        } catch (RuntimeException e) {
            fail(q.line(), q.sql(), "query raised " + e + " instead of a JunctionException\n" + stackTop(e));
            return;
        }
        List<String> actual = render(rows, q);
        actualLines.put(q, actual);
        List<String> expected = q.expected();
        if (expected.size() == 1 && HASH_LINE.matcher(expected.getFirst().strip()).matches()
                || actual.size() == 1 && HASH_LINE.matcher(actual.getFirst()).matches()) {
            if (!expected.equals(actual)) {
                fail(q.line(), q.sql(), "wrong result\nexpected:\n" + indent(expected) + "actual:\n" + indent(actual));
            }
            return;
        }
        List<String> valuewise = rows.stream().flatMap(List::stream).toList();
        boolean oneValuePerLine = q.types().length() > 1 && expected.size() == valuewise.size() && expected.size() != actual.size();
        List<String> comparable = oneValuePerLine ? valuewise : actual;
        List<String> expectedNormalised = expected.stream().map(SltRunner::normaliseLine).toList();
        if (!expectedNormalised.equals(comparable)) {
            fail(q.line(), q.sql(), "wrong result (" + comparable.size() + " lines, expected " + expected.size() + ")\nexpected:\n"
                    + indent(expected) + "actual:\n" + indent(comparable) + firstDifference(expectedNormalised, comparable));
        }
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

    /** Expected lines are compared with their trailing blanks removed; tabs separate values. */
    private static String normaliseLine(String line) {
        return line.stripTrailing();
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

    private void fail(int line, String sql, String what) {
        failures.add(file.name() + ":" + line + " [pushdown " + (pushdown ? "on" : "off") + "] " + what + "\n  query:\n" + indent(List.of(sql)));
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
