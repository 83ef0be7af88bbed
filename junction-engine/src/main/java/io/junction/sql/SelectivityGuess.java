package io.junction.sql;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;

/**
 * The fraction of rows a predicate is guessed to keep when no column statistics answer for it: Calcite's
 * guesses ({@link RelMdUtil#guessSelectivity}), with two corrections that matter for what a source is asked
 * to send.
 *
 * <ul>
 *   <li>A negation keeps the rows its operand does not. Calcite guesses a quarter for {@code NOT (x LIKE p)}
 *   as for {@code x LIKE p}, so {@code o_comment NOT LIKE '%special%requests%'} (TPC-H Q13, which keeps 99%
 *   of the orders) looked like it removed three quarters of them, and the aggregation above it looked too
 *   big to be worth pushing into the source.</li>
 *   <li>A LIKE pattern keeps fewer rows the more literal characters it demands: a quarter with up to four,
 *   then 0.85 of that for each further one, down to one in ten thousand. A pattern without wildcards is an
 *   equality. (PostgreSQL multiplies by 0.2 per literal character, which puts every two-word pattern
 *   near zero; this is milder, because a single substring such as {@code '%green%'} often matches a few percent.)</li>
 * </ul>
 */
public final class SelectivityGuess {
    private static final double LIKE_BASE = 0.25;
    private static final int LIKE_FREE_CHARACTERS = 4;
    private static final double LIKE_PER_CHARACTER = 0.85;
    private static final double LIKE_FLOOR = 1e-4;
    /** Calcite's guess for an equality. */
    private static final double EQUALITY = 0.15;

    private SelectivityGuess() {
    }

    /** The guessed fraction of rows {@code predicate} keeps: 1 for no predicate, the product over its conjuncts. */
    public static double of(RexNode predicate) {
        if (predicate == null || predicate.isAlwaysTrue()) {
            return 1;
        }
        double selectivity = 1;
        for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
            selectivity *= conjunct(conjunct);
        }
        return selectivity;
    }

    private static double conjunct(RexNode conjunct) {
        if (conjunct.getKind() == SqlKind.NOT && conjunct instanceof RexCall not) {
            return 1 - of(not.getOperands().get(0));
        }
        if (conjunct.getKind() == SqlKind.LIKE && conjunct instanceof RexCall like && like.getOperands().size() >= 2
                && RexUtil.removeCast(like.getOperands().get(1)) instanceof RexLiteral literal) {
            String pattern = literal.getValueAs(String.class);
            if (pattern != null) {
                String escapeText = like.getOperands().size() > 2 && like.getOperands().get(2) instanceof RexLiteral e
                        ? e.getValueAs(String.class) : null;
                Character escape = escapeText != null && escapeText.length() == 1 ? escapeText.charAt(0) : null;
                double matching = likeSelectivity(pattern, escape);
                boolean negated = like.getOperator() instanceof SqlLikeOperator op && op.isNegated();
                return negated ? 1 - matching : matching;
            }
        }
        return RelMdUtil.guessSelectivity(conjunct);
    }

    /** The guess for {@code x LIKE pattern}, counting the characters the pattern requires literally. */
    static double likeSelectivity(String pattern, Character escape) {
        int literalCharacters = 0;
        boolean wildcards = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape && i + 1 < pattern.length()) {
                i++;
                literalCharacters++;
            } else if (c == '%' || c == '_') {
                wildcards = true;
            } else {
                literalCharacters++;
            }
        }
        if (!wildcards) {
            return EQUALITY;
        }
        double selectivity = LIKE_BASE * Math.pow(LIKE_PER_CHARACTER, Math.max(0, literalCharacters - LIKE_FREE_CHARACTERS));
        return Math.max(LIKE_FLOOR, selectivity);
    }
}
