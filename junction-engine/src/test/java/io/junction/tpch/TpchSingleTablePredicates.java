package io.junction.tpch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The single-table predicates of the 22 TPC-H queries (every conjunct, in WHERE, ON or a subquery,
 * that refers to one table: comparisons with constants, LIKE, IN, BETWEEN, and column-to-column
 * comparisons within one table such as {@code l_commitdate < l_receiptdate}), and a check of which of
 * them appear inside the SQL that EXPLAIN shows for the source statements — that is, which were pushed
 * into a source rather than evaluated in Junction. Predicates spanning two tables (Q7's nation pair)
 * are not counted. A predicate that occurs in several places of a query (Q2's region, a subquery that
 * repeats a filter) is counted once per occurrence in the query text and must match that many times.
 */
final class TpchSingleTablePredicates {
    /** One predicate: how it reads in the specification, and how it may look in normalized source SQL. */
    record Predicate(String text, Pattern pattern, int occurrences) {
    }

    private static final Map<Integer, List<Predicate>> BY_QUERY = Map.ofEntries(
            Map.entry(1, List.of(cmp("l_shipdate <= DATE '1998-09-02'"))),
            Map.entry(2, List.of(cmp("p_size = 15"), cmp("p_type LIKE '%BRASS'"), cmp("r_name = 'EUROPE'", 2))),
            Map.entry(3, List.of(cmp("c_mktsegment = 'BUILDING'"), cmp("o_orderdate < DATE '1995-03-15'"), cmp("l_shipdate > DATE '1995-03-15'"))),
            Map.entry(4, List.of(cmp("o_orderdate >= DATE '1993-07-01'"), cmp("o_orderdate < DATE '1993-10-01'"), cmp("l_commitdate < l_receiptdate"))),
            Map.entry(5, List.of(cmp("r_name = 'ASIA'"), cmp("o_orderdate >= DATE '1994-01-01'"), cmp("o_orderdate < DATE '1995-01-01'"))),
            Map.entry(6, List.of(cmp("l_shipdate >= DATE '1994-01-01'"), cmp("l_shipdate < DATE '1995-01-01'"),
                    between("l_discount", "0.06 - 0.01"), cmp("l_quantity < 24"))),
            Map.entry(7, List.of(between("l_shipdate", "DATE '1995-01-01'"))),
            Map.entry(8, List.of(cmp("r_name = 'AMERICA'"), between("o_orderdate", "DATE '1995-01-01'"), cmp("p_type = 'ECONOMY ANODIZED STEEL'"))),
            Map.entry(9, List.of(cmp("p_name LIKE '%green%'"))),
            Map.entry(10, List.of(cmp("o_orderdate >= DATE '1993-10-01'"), cmp("o_orderdate < DATE '1994-01-01'"), cmp("l_returnflag = 'R'"))),
            Map.entry(11, List.of(cmp("n_name = 'GERMANY'", 2))),
            Map.entry(12, List.of(in("l_shipmode", "'MAIL'"), cmp("l_commitdate < l_receiptdate"), cmp("l_shipdate < l_commitdate"),
                    cmp("l_receiptdate >= DATE '1994-01-01'"), cmp("l_receiptdate < DATE '1995-01-01'"))),
            Map.entry(13, List.of(cmp("o_comment NOT LIKE '%special%requests%'"))),
            Map.entry(14, List.of(cmp("l_shipdate >= DATE '1995-09-01'"), cmp("l_shipdate < DATE '1995-10-01'"))),
            Map.entry(15, List.of(cmp("l_shipdate >= DATE '1996-01-01'"), cmp("l_shipdate < DATE '1996-04-01'"))),
            Map.entry(16, List.of(cmp("p_brand <> 'Brand#45'"), cmp("p_type NOT LIKE 'MEDIUM POLISHED%'"), in("p_size", "49"),
                    cmp("s_comment LIKE '%Customer%Complaints%'"))),
            Map.entry(17, List.of(cmp("p_brand = 'Brand#23'"), cmp("p_container = 'MED BOX'"))),
            Map.entry(18, List.of()),
            Map.entry(19, List.of(cmp("p_brand = 'Brand#12'"), cmp("p_brand = 'Brand#23'"), cmp("p_brand = 'Brand#34'"),
                    in("p_container", "'SM CASE'"), in("p_container", "'MED BAG'"), in("p_container", "'LG CASE'"),
                    cmp("l_quantity >= 1"), cmp("l_quantity >= 10"), cmp("l_quantity >= 20"),
                    between("p_size", "1", 3), in("l_shipmode", "'AIR'", 3), cmp("l_shipinstruct = 'DELIVER IN PERSON'", 3))),
            Map.entry(20, List.of(cmp("p_name LIKE 'forest%'"), cmp("l_shipdate >= DATE '1994-01-01'"), cmp("l_shipdate < DATE '1995-01-01'"),
                    cmp("n_name = 'CANADA'"))),
            Map.entry(21, List.of(cmp("o_orderstatus = 'F'"), cmp("l_receiptdate > l_commitdate", 2), cmp("n_name = 'SAUDI ARABIA'"))),
            Map.entry(22, List.of(in("SUBSTRING(c_phone, 1, 2)", "'13'", 2), cmp("c_acctbal > 0.00"))));

    private TpchSingleTablePredicates() {
    }

    static List<Predicate> of(int query) {
        return BY_QUERY.get(query);
    }

    /** Pushed and total counts (occurrences) of a query's predicates, and the ones not pushed. */
    record Outcome(int pushed, int total, List<String> notPushed) {
    }

    static Outcome check(int query, String explain) {
        String sql = normalizedSourceSql(explain);
        int pushed = 0;
        int total = 0;
        List<String> notPushed = new ArrayList<>();
        for (Predicate p : of(query)) {
            long found = p.pattern().matcher(sql).results().count();
            int hits = (int) Math.min(found, p.occurrences());
            pushed += hits;
            total += p.occurrences();
            if (hits < p.occurrences()) {
                notPushed.add(p.text() + (p.occurrences() > 1 ? " (" + hits + " of " + p.occurrences() + ")" : ""));
            }
        }
        return new Outcome(pushed, total, notPushed);
    }

    /**
     * The SQL of every source statement in an EXPLAIN (the lines indented under a SourceScan), with
     * identifier quotes, table qualifiers and Calcite's CHAR-to-VARCHAR casts removed, so a predicate
     * reads as in the specification: {@code CAST("t0"."p_brand" AS VARCHAR(10)) = 'Brand#12'} becomes
     * {@code p_brand = 'Brand#12'}.
     */
    static String normalizedSourceSql(String explain) {
        StringBuilder sql = new StringBuilder();
        int scanIndent = -1;
        for (String line : explain.split("\n")) {
            int indent = line.length() - line.stripLeading().length();
            if (scanIndent >= 0 && indent >= scanIndent + 4) {
                sql.append(line.strip()).append('\n');
                continue;
            }
            scanIndent = line.contains("SourceScan[") || line.contains("BindScan[") ? indent : -1;
        }
        return sql.toString()
                .replaceAll("[\"`]", "")
                .replaceAll("\\b[A-Za-z_][A-Za-z0-9_$]*\\.(?=[a-z]{1,2}_)", "")
                .replaceAll("(?i)CAST\\(([a-z_]+) AS VARCHAR\\(\\d+\\)\\)", "$1");
    }

    private static Predicate cmp(String text) {
        return cmp(text, 1);
    }

    private static Predicate cmp(String text, int occurrences) {
        return new Predicate(text, Pattern.compile(loose(text), Pattern.CASE_INSENSITIVE), occurrences);
    }

    /** {@code column BETWEEN low AND …}, which Calcite renders as {@code column >= low AND column <= …}. */
    private static Predicate between(String column, String low) {
        return between(column, low, 1);
    }

    private static Predicate between(String column, String low, int occurrences) {
        String regex = loose(column + " >= " + low) + "|" + loose(column + " BETWEEN " + low);
        return new Predicate(column + " BETWEEN " + low + " AND …", Pattern.compile(regex, Pattern.CASE_INSENSITIVE), occurrences);
    }

    /** {@code column IN (first, …)}: an IN list containing {@code first}, or its expansion into OR-ed equalities. */
    private static Predicate in(String column, String first) {
        return in(column, first, 1);
    }

    private static Predicate in(String column, String first, int occurrences) {
        String regex = loose(column) + "\\s+IN\\s*\\([^)]*" + Pattern.quote(first) + "|" + loose(column + " = " + first);
        return new Predicate(column + " IN (" + first + ", …)", Pattern.compile(regex, Pattern.CASE_INSENSITIVE), occurrences);
    }

    /** The text as a regex in which every space may be any amount of white space. */
    private static String loose(String text) {
        StringBuilder regex = new StringBuilder();
        for (String part : text.split(" ")) {
            regex.append(regex.isEmpty() ? "" : "\\s*").append(Pattern.quote(part));
        }
        // 1 must not match 10 (a decimal rendering such as 1.00 is fine)
        return Character.isDigit(text.charAt(text.length() - 1)) ? regex + "(?![0-9])" : regex.toString();
    }
}
