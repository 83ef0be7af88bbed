package io.junction.sql;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Calcite's parse and validation exceptions into JunctionExceptions with an error code, the
 * position in the query, and a "did you mean" hint where a close name exists.
 */
final class ErrorTranslator {
    private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']*)' not found(?: within '([^']*)')?");
    private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '([^']*)' not found");
    private static final Pattern FUNCTION_NOT_FOUND = Pattern.compile("No match found for function signature ([^(]+)\\((.*)\\)");
    private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']*)' not found in (?:any table|table '([^']*)')");

    private final CalciteSchema rootSchema;
    /** The functions a query can call, for hints on unknown ones. */
    private final SqlOperatorTable functions;
    /** The statement once it has parsed and the catalog it reads, for hints on unknown columns; null before. */
    private SqlNode statement;
    private CalciteCatalogReader reader;

    ErrorTranslator(CalciteSchema rootSchema, SqlOperatorTable functions) {
        this.rootSchema = rootSchema;
        this.functions = functions;
    }

    /**
     * The statement parsed: unknown columns are then matched against the columns of the tables it reads, looked up
     * only when a column is unknown.
     */
    void parsed(SqlNode statement, CalciteCatalogReader reader) {
        this.statement = statement;
        this.reader = reader;
    }

    JunctionException translate(Throwable t) {
        JunctionException carried = findJunctionException(t);
        if (carried != null) {
            return carried;
        }
        if (t instanceof SqlParseException pe) {
            SqlParserPos pos = pe.getPos();
            String message = firstLine(pe.getMessage());
            return new JunctionException(ErrorCode.SYNTAX_ERROR, "syntax error: " + message,
                    pos == null ? 0 : pos.getLineNum(), pos == null ? 0 : pos.getColumnNum(), pe);
        }
        CalciteContextException ce = find(t, CalciteContextException.class);
        if (ce != null) {
            String message = ce.getCause() != null && ce.getCause().getMessage() != null ? ce.getCause().getMessage() : ce.getMessage();
            return new JunctionException(classify(message), explain(message), ce.getPosLine(), ce.getPosColumn(), ce);
        }
        if (t instanceof Error e && !(t instanceof AssertionError)) {
            throw e;
        }
        return JunctionException.internal("could not analyze the query: " + t, t);
    }

    private static ErrorCode classify(String message) {
        if (message.startsWith("Object '") || message.startsWith("Table '")) {
            return ErrorCode.UNDEFINED_TABLE;
        }
        if (message.startsWith("Column '") && message.contains("not found")) {
            return ErrorCode.UNDEFINED_COLUMN;
        }
        if (message.contains("is ambiguous")) {
            return ErrorCode.AMBIGUOUS_COLUMN;
        }
        if (message.startsWith("No match found for function signature")) {
            return ErrorCode.UNDEFINED_FUNCTION;
        }
        if (message.startsWith("Cannot apply") || message.contains("type mismatch") || message.startsWith("Cannot assign")
                || message.contains("incompatible")) {
            return ErrorCode.DATATYPE_MISMATCH;
        }
        return ErrorCode.INVALID_QUERY;
    }

    /** Calcite's message, with a hint appended for unknown names. */
    private String explain(String message) {
        Matcher m = OBJECT_NOT_FOUND.matcher(message);
        if (m.find()) {
            String name = m.group(1);
            String within = m.group(2);
            List<String> candidates = new ArrayList<>();
            if (within == null) {
                candidates.addAll(rootSchema.getSubSchemaMap().keySet());
                return "unknown source or table '" + name + "'; tables are named source.table or source.schema.table"
                        + NameSuggestion.hint(name, candidates) + " (sources: " + String.join(", ", candidates) + ")";
            }
            CalciteSchema parent = resolve(within);
            if (parent != null) {
                safeAdd(candidates, () -> parent.schema.getTableNames());
                safeAdd(candidates, () -> parent.schema.getSubSchemaNames());
            }
            return "unknown table or schema '" + name + "' in '" + within + "'" + NameSuggestion.hint(name, candidates);
        }
        m = TABLE_NOT_FOUND.matcher(message);
        if (m.find()) {
            return "unknown table '" + m.group(1) + "'";
        }
        m = FUNCTION_NOT_FOUND.matcher(message);
        if (m.find()) {
            return unknownFunction(m.group(1), m.group(2));
        }
        m = COLUMN_NOT_FOUND.matcher(message);
        if (m.find()) {
            String column = m.group(1);
            String table = m.group(2);
            return "unknown column '" + column + "'" + (table == null ? "" : " in table '" + table + "'")
                    + (statement == null ? "" : NameSuggestion.hint(column, new QueryTableColumns(statement, reader).columns(table)));
        }
        return message;
    }

    /**
     * A function no overload of which takes these arguments: when no function has the name, the closest name is
     * offered; when one does, the arguments are what is wrong.
     */
    private String unknownFunction(String name, String argumentTypes) {
        Set<String> names = new TreeSet<>();
        for (SqlOperator operator : functions.getOperatorList()) {
            if (operator instanceof SqlFunction && operator.getName().matches("[A-Za-z_][A-Za-z_0-9]*")) {
                names.add(operator.getName().toLowerCase(Locale.ROOT));
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (names.contains(lower)) {
            return "function " + lower + " does not take arguments of types (" + argumentTypes + ")";
        }
        return "unknown function " + lower + "(" + argumentTypes + ")" + NameSuggestion.hint(lower, names);
    }

    private CalciteSchema resolve(String dottedPath) {
        CalciteSchema s = rootSchema;
        for (String part : dottedPath.split("\\.")) {
            CalciteSchema next = null;
            try {
                next = s.getSubSchema(part, true);
            } catch (RuntimeException ignored) {
                // an unreachable source simply offers no suggestions
            }
            if (next == null) {
                return null;
            }
            s = next;
        }
        return s;
    }

    private static void safeAdd(List<String> out, java.util.function.Supplier<Collection<String>> names) {
        try {
            out.addAll(names.get());
        } catch (RuntimeException ignored) {
            // suggestions are best effort
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        int was = s.indexOf("Was expecting");
        if (was > 0) {
            String expected = s.substring(was).replaceAll("\\s+", " ").trim();
            if (expected.length() > 200) {
                expected = expected.substring(0, 200) + " ...";
            }
            return line + " " + expected;
        }
        return line;
    }

    private static JunctionException findJunctionException(Throwable t) {
        return find(t, JunctionException.class);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
