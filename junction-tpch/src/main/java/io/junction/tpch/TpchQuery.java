package io.junction.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One of the 22 TPC-H queries with the specification's validation parameters, as a template whose
 * table names are placeholders ({@code {lineitem}} …) resolved per run, so the same text runs over the
 * federated split in Junction and over one schema in a reference database.
 *
 * <p>The template's header comment states the query's ORDER BY as output columns
 * ({@code -- sort key columns: 2 desc, 1}), which comparisons use to accept different orders among
 * rows whose sort keys tie.
 *
 * @param number          1 to 22
 * @param template        SQL with {@code {table}} placeholders and {@code {q11_fraction}}
 * @param sortKeyColumns  zero-based output columns of the ORDER BY, in order; empty when unordered
 * @param limited         whether the query ends with LIMIT (rows tied with the last one may legitimately differ)
 */
public record TpchQuery(int number, String template, List<Integer> sortKeyColumns, boolean limited) {
    private static final Pattern SORT_KEYS = Pattern.compile("--\\s*sort key columns:\\s*([0-9, a-z]+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9_]+)}");

    public TpchQuery {
        sortKeyColumns = List.copyOf(sortKeyColumns);
    }

    /** All 22, in order. */
    public static List<TpchQuery> all() {
        return IntStream.rangeClosed(1, 22).mapToObj(TpchQuery::number).toList();
    }

    public static TpchQuery number(int number) {
        String resource = String.format(Locale.ROOT, "queries/q%02d.sql", number);
        try (InputStream in = TpchQuery.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no TPC-H query " + number + " (1 to 22)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Integer> keys = new ArrayList<>();
            Matcher m = SORT_KEYS.matcher(text);
            if (m.find()) {
                for (String key : m.group(1).split(",")) {
                    keys.add(Integer.parseInt(key.trim().split("\\s+")[0]) - 1);
                }
            }
            boolean limited = Pattern.compile("(?im)^\\s*limit\\s+\\d+").matcher(text).find();
            return new TpchQuery(number, text, keys, limited);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean ordered() {
        return !sortKeyColumns.isEmpty();
    }

    public String name() {
        return "Q" + number;
    }

    /**
     * The runnable SQL: each {@code {table}} replaced by {@code tableNames.get(table)}, and Q11's
     * fraction set to 0.0001 / SF as the specification prescribes.
     */
    public String sql(Map<String, String> tableNames, double scaleFactor) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String replacement;
            if (key.equals("q11_fraction")) {
                replacement = new BigDecimal("0.0001").divide(BigDecimal.valueOf(scaleFactor), 10, java.math.RoundingMode.HALF_UP)
                        .stripTrailingZeros().toPlainString();
            } else {
                replacement = tableNames.get(key);
                if (replacement == null) {
                    throw new IllegalArgumentException(name() + " uses table {" + key + "} with no name given for it");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
