package io.junction.federation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The text of one array literal holding a bind join's keys, {@code {1,8,11}}, which PostgreSQL reads with its array
 * input function when the statement says {@code '{1,8,11}'::int8[]}.
 *
 * <p>Why not {@code ARRAY[1, 8, 11]}: PostgreSQL's parser makes a node per element of an array constructor and its
 * analysis folds them one by one, so 30,000 keys took 34 ms to plan (TPC-H Q5's customers bound to orders ⋈ lineitem
 * at scale factor 1), and a bound statement is parsed twice, once to describe it and once to run it; as one literal
 * the same plan takes 4 ms. Only keys whose text needs no quoting inside an array literal (integers, decimals,
 * dates of years 1 to 9999) are written so; text keys would need the array syntax's own escaping under the server's string settings,
 * and stay an array constructor.
 */
public final class KeyArrayLiteral {
    private KeyArrayLiteral() {
    }

    /** The literal's text, or empty when some key must be written otherwise (text, a date outside years 1 to 9999). */
    public static Optional<String> of(List<Object> keys) {
        StringBuilder text = new StringBuilder(keys.size() * 8 + 2).append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            switch (keys.get(i)) {
                case Integer v -> text.append(v.intValue());
                case Long v -> text.append(v.longValue());
                case BigDecimal v -> text.append(v.toPlainString());
                // ISO 8601, which PostgreSQL's date input reads whatever its DateStyle; outside years 1 to 9999
                // Java writes a sign, PostgreSQL wants BC.
                case LocalDate v when v.getYear() >= 1 && v.getYear() <= 9999 -> text.append(v);
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(text.append('}').toString());
    }
}
