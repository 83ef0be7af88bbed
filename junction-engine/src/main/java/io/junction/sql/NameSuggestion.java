package io.junction.sql;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean" hints: the closest known name to one the user mistyped. */
public final class NameSuggestion {
    private NameSuggestion() {
    }

    /**
     * "; did you mean 'x'?" for the closest candidate within a third of the name's length in edits (at least one),
     * else "": two edits turn any three-letter name into many others ('nvl' into 'avg').
     */
    public static String hint(String name, Collection<String> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(c -> !c.equals(name))
                .min(Comparator.comparingInt(c -> editDistance(lower, c.toLowerCase(Locale.ROOT))))
                .filter(c -> editDistance(lower, c.toLowerCase(Locale.ROOT)) <= Math.max(1, name.length() / 3))
                .map(c -> "; did you mean '" + c + "'?")
                .orElse("");
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }

}
