package io.junction.slt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random SQL queries over the tables of {@link RandomDataset}, from a small typed grammar whose every query is
 * valid in PostgreSQL and in Junction and has one right answer: no floats, no division, no AVG (result scales
 * differ), values small enough never to overflow, LIMIT only under an ORDER BY of every output column, and no
 * construct of a known open bug (see slt/unsupported-features.txt). Table names are placeholders
 * {@code {t1} {t2} {t3}} that the caller replaces per target.
 *
 * <p>Shapes: filtered projections (optionally DISTINCT, ORDER BY + LIMIT), joins of two or three tables of every
 * type, grouped and ungrouped aggregates with HAVING, UNION [ALL], and IN / NOT IN / EXISTS / NOT EXISTS /
 * scalar subqueries.
 */
final class RandomQueryGenerator {
    /** A query and whether its ORDER BY makes the row order part of the answer. */
    record GeneratedQuery(String sql, boolean ordered) {
    }

    private enum Type { INT, DEC, STR }

    private record Column(String ref, Type type) {
    }

    private static final String[] LIKE_PATTERNS = {"a%", "%b%", "_", "%", "Z%", "%_c", "李%", "x!%%"};
    private static final String[] STRINGS = {"a", "abc", "", "Zoë", "b_c", "李"};

    private final Random random;

    RandomQueryGenerator(long seed) {
        this.random = new Random(seed);
    }

    GeneratedQuery next() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> projection();
            case 3, 4, 5 -> aggregate();
            case 6 -> union();
            default -> subqueryFilter();
        };
    }

    private List<Column> t1(String alias) {
        return List.of(new Column(alias + ".id", Type.INT), new Column(alias + ".a", Type.INT), new Column(alias + ".b", Type.INT),
                new Column(alias + ".d", Type.DEC), new Column(alias + ".s", Type.STR), new Column(alias + ".g", Type.STR));
    }

    private List<Column> t2(String alias) {
        return List.of(new Column(alias + ".id", Type.INT), new Column(alias + ".k", Type.INT), new Column(alias + ".x", Type.DEC),
                new Column(alias + ".s", Type.STR));
    }

    private List<Column> t3(String alias) {
        return List.of(new Column(alias + ".k", Type.INT), new Column(alias + ".label", Type.STR), new Column(alias + ".v", Type.INT));
    }

    /** A FROM clause and the columns it makes visible. */
    private record From(String sql, List<Column> columns) {
    }

    private From from() {
        List<Column> columns = new ArrayList<>(t1("t1"));
        StringBuilder sql = new StringBuilder("{t1} t1");
        int shape = random.nextInt(6);
        if (shape >= 2) {
            String type = pick("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "JOIN");
            sql.append(' ').append(type).append(" {t2} t2 ON t1.a = t2.k");
            if (random.nextInt(4) == 0) {
                sql.append(" AND t2.id > ").append(random.nextInt(40));
            }
            columns.addAll(t2("t2"));
        }
        if (shape >= 4) {
            sql.append(' ').append(pick("JOIN", "LEFT JOIN")).append(" {t3} t3 ON t3.k = t1.b");
            columns.addAll(t3("t3"));
        } else if (shape == 1) {
            sql.append(' ').append(pick("JOIN", "LEFT JOIN", "FULL JOIN")).append(" {t3} t3 ON t1.b = t3.k");
            if (random.nextBoolean()) {
                sql.append(" AND t3.v ").append(pick("<", ">", "<>")).append(" t1.a");
            }
            columns.addAll(t3("t3"));
        }
        return new From(sql.toString(), columns);
    }

    private GeneratedQuery projection() {
        From from = from();
        int n = 1 + random.nextInt(3);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(expression(from.columns(), randomType(), 2) + " AS c" + i);
        }
        String distinct = random.nextInt(4) == 0 ? "DISTINCT " : "";
        String sql = "SELECT " + distinct + String.join(", ", items) + " FROM " + from.sql() + where(from.columns());
        if (random.nextInt(3) == 0) {
            return new GeneratedQuery(sql + orderByAll(n) + " LIMIT " + (1 + random.nextInt(15))
                    + (random.nextBoolean() ? " OFFSET " + random.nextInt(5) : ""), true);
        }
        return new GeneratedQuery(sql, false);
    }

    private GeneratedQuery aggregate() {
        From from = from();
        List<String> groups = new ArrayList<>();
        int groupCount = random.nextInt(3);
        for (int i = 0; i < groupCount; i++) {
            Column c = pickColumn(from.columns(), null);
            if (!groups.contains(c.ref())) {
                groups.add(c.ref());
            }
        }
        List<String> items = new ArrayList<>(groups);
        int aggregates = 1 + random.nextInt(3);
        for (int i = 0; i < aggregates; i++) {
            items.add(aggregateCall(from.columns()));
        }
        StringBuilder sql = new StringBuilder("SELECT " + String.join(", ", items) + " FROM " + from.sql() + where(from.columns()));
        if (!groups.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", groups));
        }
        if (random.nextInt(3) == 0) {
            String counted = pick("COUNT(*)", "COUNT(" + pickColumn(from.columns(), null).ref() + ")",
                    "SUM(" + pickColumn(from.columns(), Type.INT).ref() + ")");
            sql.append(" HAVING ").append(counted).append(' ').append(pick(">", "<", ">=", "<>", "="))
                    .append(' ').append(random.nextInt(10));
        }
        if (random.nextInt(3) == 0) {
            return new GeneratedQuery(sql + orderByAll(items.size()), true);
        }
        return new GeneratedQuery(sql.toString(), false);
    }

    private String aggregateCall(List<Column> columns) {
        Column c = pickColumn(columns, null);
        return switch (random.nextInt(8)) {
            case 0 -> "COUNT(*)";
            case 1 -> "COUNT(" + c.ref() + ")";
            case 2 -> "COUNT(DISTINCT " + c.ref() + ")";
            case 3 -> "MIN(" + c.ref() + ")";
            case 4 -> "MAX(" + c.ref() + ")";
            case 5 -> "SUM(" + pickColumn(columns, Type.DEC).ref() + ")";
            case 6 -> "SUM(" + expression(columns, Type.INT, 1) + ")";
            default -> "SUM(CASE WHEN " + predicate(columns, 1) + " THEN 1 ELSE 0 END)";
        };
    }

    private GeneratedQuery union() {
        String left = "SELECT t1.a AS n, t1.s AS s FROM {t1} t1" + where(t1("t1"));
        String right = random.nextBoolean()
                ? "SELECT t2.k, t2.s FROM {t2} t2" + where(t2("t2"))
                : "SELECT t3.v, t3.label FROM {t3} t3" + where(t3("t3"));
        String sql = left + " " + pick("UNION", "UNION ALL") + " " + right;
        if (random.nextInt(3) == 0) {
            return new GeneratedQuery(sql + " ORDER BY 1 NULLS FIRST, 2 NULLS FIRST LIMIT " + (1 + random.nextInt(20)), true);
        }
        return new GeneratedQuery(sql, false);
    }

    private GeneratedQuery subqueryFilter() {
        List<Column> outer = t1("t1");
        String condition = switch (random.nextInt(6)) {
            case 0 -> "t1.a IN (SELECT t3.k FROM {t3} t3" + where(t3("t3")) + ")";
            case 1 -> "t1.b NOT IN (SELECT t3.k FROM {t3} t3 WHERE t3.k IS NOT NULL" + and(t3("t3")) + ")";
            case 2 -> "t1.a NOT IN (SELECT t2.k FROM {t2} t2" + where(t2("t2")) + ")";
            case 3 -> "EXISTS (SELECT 1 FROM {t2} t2 WHERE t2.k = t1.a" + and(t2("t2")) + ")";
            case 4 -> "NOT EXISTS (SELECT 1 FROM {t3} t3 WHERE t3.k = t1.b" + and(t3("t3")) + ")";
            default -> "t1.a " + pick(">", "<=", "=") + " (SELECT " + pick("MIN", "MAX") + "(t3.v) FROM {t3} t3" + where(t3("t3")) + ")";
        };
        String extra = random.nextBoolean() ? " AND " + predicate(outer, 1) : "";
        String select = random.nextBoolean() ? "SELECT t1.id, t1.s FROM {t1} t1" : "SELECT t1.g, COUNT(*) FROM {t1} t1";
        String sql = select + " WHERE " + condition + extra + (select.contains("COUNT") ? " GROUP BY t1.g" : "");
        return new GeneratedQuery(sql, false);
    }

    private String where(List<Column> columns) {
        return random.nextInt(5) == 0 ? "" : " WHERE " + predicate(columns, 2);
    }

    private String and(List<Column> columns) {
        return random.nextBoolean() ? "" : " AND " + predicate(columns, 1);
    }

    private String orderByAll(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            keys.add(i + " " + pick("ASC", "DESC") + " " + pick("NULLS FIRST", "NULLS LAST"));
        }
        return " ORDER BY " + String.join(", ", keys);
    }

    private String predicate(List<Column> columns, int depth) {
        int choice = random.nextInt(depth > 0 ? 11 : 8);
        Column c = pickColumn(columns, null);
        return switch (choice) {
            case 0, 1 -> expression(columns, c.type(), 1) + " " + pick("=", "<>", "<", "<=", ">", ">=") + " " + literal(c.type());
            case 2 -> c.ref() + " IS " + pick("NULL", "NOT NULL");
            case 3 -> c.ref() + pick(" IN (", " NOT IN (") + literal(c.type()) + ", " + literal(c.type())
                    + (random.nextInt(4) == 0 ? ", NULL" : "") + ")";
            case 4 -> {
                Column n = pickColumn(columns, random.nextBoolean() ? Type.INT : Type.DEC);
                yield n.ref() + pick(" BETWEEN ", " NOT BETWEEN ") + literal(n.type()) + " AND " + literal(n.type());
            }
            case 5 -> {
                Column text = pickColumn(columns, Type.STR);
                // t3 lives in SQLite in the federated runs, where LIKE ignores case (bug-sqlite-text-semantics).
                yield text.ref().startsWith("t3.") ? text.ref() + " IS NOT NULL"
                        : text.ref() + pick(" LIKE '", " NOT LIKE '") + pick(LIKE_PATTERNS) + "' ESCAPE '!'";
            }
            case 6 -> {
                Column other = pickColumn(columns, c.type());
                yield c.ref() + " " + pick("=", "<>", "<", ">=", "IS DISTINCT FROM", "IS NOT DISTINCT FROM") + " " + other.ref();
            }
            case 7 -> "COALESCE(" + c.ref() + ", " + literal(c.type()) + ") " + pick("=", "<>", ">") + " " + literal(c.type());
            case 8 -> "(" + predicate(columns, depth - 1) + " AND " + predicate(columns, depth - 1) + ")";
            case 9 -> "(" + predicate(columns, depth - 1) + " OR " + predicate(columns, depth - 1) + ")";
            default -> "NOT (" + predicate(columns, depth - 1) + ")";
        };
    }

    private String expression(List<Column> columns, Type type, int depth) {
        Column c = pickColumn(columns, type);
        if (depth == 0 || random.nextInt(3) == 0) {
            return c.ref();
        }
        return switch (type) {
            case INT -> switch (random.nextInt(5)) {
                case 0 -> c.ref() + " + " + random.nextInt(100);
                case 1 -> c.ref() + " * " + (random.nextInt(7) - 3);
                case 2 -> "COALESCE(" + c.ref() + ", " + literal(Type.INT) + ")";
                case 3 -> "CASE WHEN " + predicate(columns, 0) + " THEN " + c.ref() + " ELSE " + literal(Type.INT) + " END";
                default -> c.ref() + " - " + expression(columns, Type.INT, depth - 1);
            };
            case DEC -> switch (random.nextInt(4)) {
                case 0 -> c.ref() + " + " + literal(Type.DEC);
                case 1 -> c.ref() + " * " + (random.nextInt(5) - 2);
                case 2 -> "NULLIF(" + c.ref() + ", " + literal(Type.DEC) + ")";
                default -> c.ref() + " - " + pickColumn(columns, Type.INT).ref();
            };
            case STR -> switch (random.nextInt(6)) {
                case 0 -> "UPPER(" + c.ref() + ")";
                case 1 -> "SUBSTRING(" + c.ref() + " FROM " + (1 + random.nextInt(3)) + " FOR " + random.nextInt(3) + ")";
                case 2 -> c.ref() + " || '" + pick(STRINGS) + "'";
                case 3 -> "REPLACE(" + c.ref() + ", 'a', 'A')";
                case 4 -> "COALESCE(" + c.ref() + ", 'none')";
                default -> "SUBSTRING(" + c.ref() + " FROM 2)";
            };
        };
    }

    private String literal(Type type) {
        return switch (type) {
            case INT -> Integer.toString(random.nextInt(25) - 5);
            case DEC -> (random.nextBoolean() ? "-" : "") + random.nextInt(60) + "." + random.nextInt(10);
            case STR -> "'" + pick(STRINGS) + "'";
        };
    }

    private Type randomType() {
        return Type.values()[random.nextInt(Type.values().length)];
    }

    private Column pickColumn(List<Column> columns, Type type) {
        List<Column> candidates = type == null ? columns : columns.stream().filter(c -> c.type() == type).toList();
        if (candidates.isEmpty()) {
            // Not every table has a decimal column; an integer one stands in.
            candidates = columns.stream().filter(c -> c.type() == Type.INT).toList();
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
