package io.junction.sql;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of a query's result columns as PostgreSQL gives them where the query names none: a function call is
 * named after its function ({@code count}, {@code upper}), a cast after what it casts (or its type), CASE
 * {@code case}, EXISTS {@code exists}, and any other expression {@code ?column?}; Calcite would say
 * {@code EXPR$0}. A {@code *} over a subquery or WITH query takes the names of its columns. Names stay unique, as
 * Calcite's do (a repeated name gets a number: {@code count0}), since JSON results key each row's values by column name.
 *
 * <p>Built on the statement as parsed, before validation rewrites it in place (COALESCE and NULLIF into a CASE, which
 * keeps their position); used after validation, whose expanded select list names the columns a {@code *} stands for.
 */
final class OutputColumnNames {
    private static final Pattern CALCITE_DERIVED = Pattern.compile("EXPR\\$\\d+");
    private static final String ANONYMOUS = "?column?";
    /** PostgreSQL's names of the types a cast can name a column after. */
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(Map.entry("INTEGER", "int4"), Map.entry("INT", "int4"),
            Map.entry("BIGINT", "int8"), Map.entry("SMALLINT", "int2"), Map.entry("DOUBLE", "float8"), Map.entry("REAL", "float4"),
            Map.entry("FLOAT", "float8"), Map.entry("DECIMAL", "numeric"), Map.entry("NUMERIC", "numeric"),
            Map.entry("VARCHAR", "varchar"), Map.entry("CHAR", "bpchar"), Map.entry("BOOLEAN", "bool"));

    /** The names of the leading SELECT's items as parsed; null when the list has a {@code *}. */
    private final List<String> parsedNames;
    /** Calls validation rewrites into a CASE (COALESCE, NULLIF), by position, with the name PostgreSQL gives them. */
    private final Map<SqlParserPos, String> rewrittenCalls = new HashMap<>();

    /** Reads {@code statement} as parsed, before validation rewrites it in place. */
    OutputColumnNames(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                // by name: the parser leaves most calls unresolved
                String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
                if (name.equals("coalesce") || name.equals("nullif")) {
                    rewrittenCalls.put(call.getParserPosition(), name);
                }
                return super.visit(call);
            }
        });
        SqlSelect select = leadingSelect(statement);
        SqlNodeList items = select == null ? null : select.getSelectList();
        parsedNames = items == null || items.stream().anyMatch(i -> i instanceof SqlIdentifier id && id.isStar()) ? null
                : items.stream().map(this::nameOf).toList();
    }

    /**
     * {@code validatedNames} (Calcite's, one per result column) with each name Calcite made up replaced by PostgreSQL's:
     * from the parsed select list where it has as many items, else from {@code statement}'s select list as validation
     * expanded it in place (validation returns an ORDER BY over a set operation as a SELECT * over
     * it, whose columns carry the made-up names); VALUES columns are {@code column1}, {@code column2}, ...
     */
    List<String> of(SqlNode statement, List<String> validatedNames) {
        List<String> names = new ArrayList<>(validatedNames);
        List<String> pgNames = parsedNames != null && parsedNames.size() == names.size() ? parsedNames : expandedNames(statement);
        if (pgNames == null && isValues(statement)) {
            pgNames = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                pgNames.add("column" + (i + 1));
            }
        }
        if (pgNames == null || pgNames.size() != names.size()) {
            return names;
        }
        Set<String> taken = new HashSet<>();
        names.stream().filter(n -> !CALCITE_DERIVED.matcher(n).matches()).forEach(taken::add);
        for (int i = 0; i < names.size(); i++) {
            if (CALCITE_DERIVED.matcher(names.get(i)).matches()) {
                names.set(i, SqlValidatorUtil.uniquify(pgNames.get(i), taken, SqlValidatorUtil.EXPR_SUGGESTER));
            }
        }
        return names;
    }

    /**
     * The names of the leading SELECT's items as validation expanded them; a column of a subquery or WITH query in
     * its FROM that Calcite named (a {@code *} over {@code (SELECT count(*) ...)}) takes that query's item's name.
     */
    private List<String> expandedNames(SqlNode statement) {
        SqlSelect select = leadingSelect(statement);
        SqlNodeList items = select == null ? null : select.getSelectList();
        if (items == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (SqlNode item : items) {
            String name = nameOf(item);
            if (CALCITE_DERIVED.matcher(name).matches()) {
                name = nameInFrom(select.getFrom(), withQueries(statement), Integer.parseInt(name.substring("EXPR$".length())));
            }
            names.add(name);
        }
        return names;
    }

    /** The name of item {@code ordinal} of the query {@code from} reads, if it is one subquery or WITH query. */
    private String nameInFrom(SqlNode from, Map<String, SqlNode> withQueries, int ordinal) {
        SqlNode source = from != null && from.getKind() == SqlKind.AS ? ((SqlCall) from).operand(0) : from;
        if (source instanceof SqlIdentifier table && table.isSimple() && withQueries.containsKey(table.getSimple())) {
            source = withQueries.get(table.getSimple());
        }
        SqlSelect inner = source == null ? null : leadingSelect(source);
        SqlNodeList items = inner == null ? null : inner.getSelectList();
        if (items == null || ordinal >= items.size()) {
            return ANONYMOUS;
        }
        String name = nameOf(items.get(ordinal));
        return CALCITE_DERIVED.matcher(name).matches() ? ANONYMOUS : name;
    }

    /** The queries a statement's WITH names, by name. */
    private static Map<String, SqlNode> withQueries(SqlNode statement) {
        SqlNode node = statement instanceof SqlOrderBy orderBy ? orderBy.query : statement;
        Map<String, SqlNode> queries = new HashMap<>();
        if (node instanceof SqlWith with) {
            for (SqlNode item : with.withList) {
                SqlWithItem withItem = (SqlWithItem) item;
                queries.put(withItem.name.getSimple(), withItem.query);
            }
        }
        return queries;
    }

    private static boolean isValues(SqlNode statement) {
        return switch (statement) {
            case SqlOrderBy orderBy -> isValues(orderBy.query);
            case SqlWith with -> isValues(with.body);
            default -> statement.getKind() == SqlKind.VALUES;
        };
    }

    /** The SELECT whose list names a query's columns: the first of a set operation, the body of WITH or ORDER BY. */
    private static SqlSelect leadingSelect(SqlNode node) {
        return switch (node) {
            case SqlSelect select -> select;
            case SqlOrderBy orderBy -> leadingSelect(orderBy.query);
            case SqlWith with -> leadingSelect(with.body);
            case SqlCall call when call.getKind() == SqlKind.UNION || call.getKind() == SqlKind.INTERSECT
                    || call.getKind() == SqlKind.EXCEPT -> leadingSelect(call.operand(0));
            default -> null;
        };
    }

    private String nameOf(SqlNode item) {
        if (item instanceof SqlIdentifier identifier && !identifier.isStar()) {
            return identifier.names.getLast();
        }
        if (item instanceof SqlSelect subquery) {
            SqlNodeList list = subquery.getSelectList();
            return list != null && list.size() == 1 ? nameOf(list.get(0)) : ANONYMOUS;
        }
        if (!(item instanceof SqlCall call)) {
            return ANONYMOUS;
        }
        return switch (call.getKind()) {
            case AS -> {
                String alias = call.operand(1).toString();
                yield CALCITE_DERIVED.matcher(alias).matches() ? nameOf(call.operand(0)) : alias;
            }
            case CAST -> {
                String operand = nameOf(call.operand(0));
                yield !operand.equals(ANONYMOUS) || !(call.operand(1) instanceof SqlDataTypeSpec type) ? operand
                        : TYPE_NAMES.getOrDefault(type.getTypeName().getSimple().toUpperCase(Locale.ROOT),
                                type.getTypeName().getSimple().toLowerCase(Locale.ROOT));
            }
            case OVER -> nameOf(call.operand(0));
            case CASE -> rewrittenCalls.getOrDefault(call.getParserPosition(), "case");
            case EXISTS -> "exists";
            case ARRAY_VALUE_CONSTRUCTOR -> "array";
            case ROW -> "row";
            case SCALAR_QUERY -> nameOf(call.operand(0));
            default -> call.getOperator() instanceof SqlFunction && call instanceof SqlBasicCall
                    ? call.getOperator().getName().toLowerCase(Locale.ROOT) : ANONYMOUS;
        };
    }
}
