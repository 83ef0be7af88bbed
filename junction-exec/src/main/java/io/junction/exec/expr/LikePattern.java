package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;

import java.util.regex.Pattern;

/**
 * A LIKE pattern compiled to a regular expression: {@code %} matches any run of characters, {@code _}
 * exactly one character (code point), the escape character makes the next character literal, and
 * everything else matches itself. Matching is case-sensitive and covers the whole value.
 */
final class LikePattern {
    /** PostgreSQL's escape character when the query gives none. */
    static final int DEFAULT_ESCAPE = '\\';
    static final int NO_ESCAPE = -1;

    private final String source;
    private final Pattern regex;

    private LikePattern(String source, Pattern regex) {
        this.source = source;
        this.regex = regex;
    }

    static LikePattern compile(String pattern, int escape) {
        return compile(pattern, escape, false);
    }

    /** LIKE ({@code ignoreCase} false) or ILIKE (true: Unicode case-insensitive, as PostgreSQL's ILIKE). */
    static LikePattern compile(String pattern, int escape, boolean ignoreCase) {
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return new LikePattern(pattern, Pattern.compile(toRegex(pattern, escape, false), flags));
    }

    /**
     * A SIMILAR TO pattern: LIKE's {@code %} and {@code _} plus the regular-expression operators
     * {@code | * + ? {m,n} ( )} and bracket expressions; every other character, including {@code . ^ $}, is
     * literal, as the SQL standard and PostgreSQL define it. The translation quotes each literal character, so
     * no pattern text reaches Java's regex syntax unescaped.
     */
    static LikePattern compileSimilar(String pattern, int escape) {
        try {
            return new LikePattern(pattern, Pattern.compile(toRegex(pattern, escape, true), Pattern.DOTALL));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "invalid SIMILAR TO pattern '" + pattern + "': " + e.getDescription());
        }
    }

    /** The Java regex for a LIKE pattern, or with {@code similar} a SIMILAR TO pattern. */
    private static String toRegex(String pattern, int escape, boolean similar) {
        StringBuilder regex = new StringBuilder(pattern.length() + 8);
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == escape) {
                if (i >= pattern.length()) {
                    throw new JunctionException(ErrorCode.INVALID_VALUE, (similar ? "SIMILAR TO" : "LIKE") + " pattern '" + pattern
                            + "' must not end with the escape character");
                }
                int escaped = pattern.codePointAt(i);
                i += Character.charCount(escaped);
                appendLiteral(regex, escaped);
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else if (similar && c == '[') {
                i = appendBracket(pattern, i, regex);
            } else if (similar && (c == '|' || c == '*' || c == '+' || c == '?' || c == '(' || c == ')' || c == '{' || c == '}' || c == ',')) {
                regex.append((char) c);
            } else {
                appendLiteral(regex, c);
            }
        }
        return regex.toString();
    }

    /** Copies a bracket expression starting after its '['; returns the index after its ']'. */
    private static int appendBracket(String pattern, int i, StringBuilder regex) {
        regex.append('[');
        int start = i;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            regex.append('^');
            i++;
            start = i;
        }
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            if (c == ']' && i > start) {
                regex.append(']');
                return i + 1;
            }
            i += Character.charCount(c);
            if (c == '-' && i - 1 > start && i < pattern.length() && pattern.charAt(i) != ']') {
                regex.append('-');
            } else {
                appendLiteral(regex, c);
            }
        }
        throw new JunctionException(ErrorCode.INVALID_VALUE, "SIMILAR TO pattern '" + pattern + "' has an unclosed '['");
    }

    private static void appendLiteral(StringBuilder regex, int c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            regex.append((char) c);
        } else if (c < 0x80) {
            regex.append('\\').append((char) c);
        } else {
            // \x{...} keeps non-ASCII characters literal whatever regex syntax they resemble
            regex.append("\\x{").append(Integer.toHexString(c)).append('}');
        }
    }

    /** The escape argument's one character, or NO_ESCAPE for an empty string as PostgreSQL allows. */
    static int escapeCharacter(String escape) {
        if (escape.isEmpty()) {
            return NO_ESCAPE;
        }
        if (escape.codePointCount(0, escape.length()) != 1) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "LIKE escape '" + escape + "' must be a single character");
        }
        return escape.codePointAt(0);
    }

    String source() {
        return source;
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }
}
