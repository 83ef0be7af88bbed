package io.junction.slt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the sqllogictest format (see {@code slt/README.md}): records separated by blank lines, {@code #}
 * comments, {@code statement ok|error}, {@code query TYPES [SORTMODE] [LABEL]} with {@code ----} and the
 * expected lines, {@code hash-threshold}, {@code halt}, {@code onlyif|skipif pushdown=on|off}, and Junction's
 * {@code source=NAME} on statements. A malformed file fails with its name and line.
 */
final class SltParser {
    private static final String REQUIRES = "# requires:";

    private final String name;
    private final List<String> lines;
    private int pos;

    private SltParser(String name, String text) {
        this.name = name;
        this.lines = text.lines().toList();
    }

    static SltFile parse(String name, String text) {
        return new SltParser(name, text).parse();
    }

    private SltFile parse() {
        Set<String> requires = new LinkedHashSet<>();
        List<SltRecord> records = new ArrayList<>();
        SltRecord.Condition condition = null;
        while (pos < lines.size()) {
            String raw = lines.get(pos);
            String line = raw.strip();
            if (line.isEmpty()) {
                pos++;
                continue;
            }
            if (line.startsWith("#")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(REQUIRES)) {
                    if (!records.isEmpty()) {
                        throw error("'# requires:' belongs in the header, before the first record");
                    }
                    for (String feature : line.substring(REQUIRES.length()).split(",")) {
                        if (!feature.isBlank()) {
                            requires.add(feature.strip().toLowerCase(Locale.ROOT));
                        }
                    }
                }
                pos++;
                continue;
            }
            String[] words = line.split("\\s+");
            int recordLine = pos + 1;
            switch (words[0]) {
                case "onlyif", "skipif" -> {
                    condition = parseCondition(words);
                    pos++;
                    continue;
                }
                case "statement" -> records.add(parseStatement(words, line, recordLine, condition));
                case "query" -> records.add(parseQuery(words, recordLine, condition));
                case "hash-threshold" -> {
                    if (words.length != 2 || !words[1].matches("\\d+")) {
                        throw error("expected 'hash-threshold N'");
                    }
                    records.add(new SltRecord.HashThreshold(recordLine, Integer.parseInt(words[1])));
                    pos++;
                }
                case "halt" -> {
                    records.add(new SltRecord.Halt(recordLine));
                    pos++;
                }
                default -> throw error("unknown record '" + words[0] + "'; expected statement, query, hash-threshold, halt, onlyif or skipif");
            }
            condition = null;
        }
        return new SltFile(name, Set.copyOf(requires), List.copyOf(records));
    }

    private SltRecord.Condition parseCondition(String[] words) {
        if (words.length != 2 || !words[1].matches("pushdown=(on|off)")) {
            throw error("expected '" + words[0] + " pushdown=on' or '" + words[0] + " pushdown=off'");
        }
        return new SltRecord.Condition(words[0].equals("onlyif"), words[1].endsWith("on"));
    }

    private SltRecord parseStatement(String[] words, String line, int recordLine, SltRecord.Condition condition) {
        if (words.length < 2 || !(words[1].equals("ok") || words[1].equals("error"))) {
            throw error("expected 'statement ok' or 'statement error [SQLSTATE|regex]'");
        }
        String rest = line.substring(line.indexOf(words[1]) + words[1].length()).strip();
        String source = null;
        if (rest.startsWith("source=")) {
            int end = rest.indexOf(' ');
            source = (end < 0 ? rest : rest.substring(0, end)).substring("source=".length());
            rest = end < 0 ? "" : rest.substring(end + 1).strip();
        }
        if (words[1].equals("ok") && !rest.isEmpty()) {
            throw error("unexpected text after 'statement ok': " + rest);
        }
        pos++;
        String sql = readSql(false);
        return new SltRecord.Statement(recordLine, condition, source, words[1].equals("ok") ? null : rest, sql);
    }

    private SltRecord parseQuery(String[] words, int recordLine, SltRecord.Condition condition) {
        if (words.length < 2 || !words[1].matches("[IRTB]+")) {
            throw error("expected 'query TYPES [nosort|rowsort|valuesort] [label]' with TYPES made of I, R, T, B");
        }
        SltRecord.SortMode sortMode = SltRecord.SortMode.NOSORT;
        String label = null;
        int next = 2;
        if (words.length > next) {
            switch (words[next]) {
                case "nosort" -> next++;
                case "rowsort" -> {
                    sortMode = SltRecord.SortMode.ROWSORT;
                    next++;
                }
                case "valuesort" -> {
                    sortMode = SltRecord.SortMode.VALUESORT;
                    next++;
                }
                default -> {
                }
            }
        }
        if (words.length > next) {
            label = words[next++];
        }
        if (words.length > next) {
            throw error("unexpected text after the query label: " + words[next]);
        }
        pos++;
        String sql = readSql(true);
        int resultLine = pos + 1;
        List<String> expected = new ArrayList<>();
        if (pos < lines.size() && lines.get(pos).strip().equals("----")) {
            pos++;
            resultLine = pos + 1;
            while (pos < lines.size() && !lines.get(pos).isBlank()) {
                expected.add(lines.get(pos));
                pos++;
            }
        }
        return new SltRecord.Query(recordLine, condition, words[1], sortMode, label, sql, List.copyOf(expected), resultLine);
    }

    /** SQL lines up to a blank line, or up to {@code ----} for a query. */
    private String readSql(boolean query) {
        StringBuilder sql = new StringBuilder();
        while (pos < lines.size()) {
            String l = lines.get(pos);
            if (l.isBlank() || (query && l.strip().equals("----"))) {
                break;
            }
            if (!sql.isEmpty()) {
                sql.append('\n');
            }
            sql.append(l);
            pos++;
        }
        if (sql.isEmpty()) {
            throw error("the record has no SQL");
        }
        return sql.toString();
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(name + ":" + (pos + 1) + ": " + message);
    }
}
