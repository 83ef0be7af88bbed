package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.vector.TextFormat;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * UPPER, LOWER, CHAR_LENGTH, CONCAT (||), SUBSTRING, TRIM, POSITION and REPLACE, row by row on Java strings.
 * Lengths and positions count code points, not UTF-16 units, and positions are 1-based as in SQL. Any NULL
 * argument makes the result NULL (CONCAT follows ||, not PostgreSQL's NULL-skipping concat()).
 */
public final class TextFunctionExpression implements Expression {
    private final ScalarFunction function;
    private final JunctionType type;
    private final List<Expression> arguments;

    public TextFunctionExpression(ScalarFunction function, JunctionType type, List<Expression> arguments) {
        this.function = function;
        this.type = type;
        int[] arity = switch (function) {
            case UPPER, LOWER, CHAR_LENGTH, TRIM -> new int[] {1, 1};
            case SUBSTRING -> new int[] {2, 3};
            case POSITION -> new int[] {2, 2};
            case REPLACE -> new int[] {3, 3};
            case CONCAT -> new int[] {1, Integer.MAX_VALUE};
            default -> throw new IllegalArgumentException("not a text function: " + function);
        };
        if (arguments.size() < arity[0] || arguments.size() > arity[1]) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, function + " does not take " + arguments.size() + " arguments");
        }
        List<Expression> coerced = new ArrayList<>();
        for (int a = 0; a < arguments.size(); a++) {
            Expression arg = arguments.get(a);
            if (function == ScalarFunction.CONCAT) {
                coerced.add(arg);
            } else if (function == ScalarFunction.SUBSTRING && a > 0) {
                coerced.add(Expressions.coerce(arg, JunctionType.BIGINT));
            } else {
                coerced.add(Expressions.coerce(arg, JunctionType.VARCHAR));
            }
        }
        this.arguments = coerced;
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        Vector[] args = new Vector[arguments.size()];
        boolean nulls = false;
        for (int a = 0; a < args.length; a++) {
            args[a] = arguments.get(a).evaluate(batch);
            nulls |= args[a].mayHaveNulls();
        }
        Vector out = Vector.create(type, n);
        for (int i = 0; i < n; i++) {
            if (nulls && anyNull(args, i)) {
                out.setNull(i);
                continue;
            }
            switch (function) {
                case CHAR_LENGTH -> {
                    String s = text(args[0], i);
                    ((LongVector) out).set(i, s.codePointCount(0, s.length()));
                }
                case POSITION -> ((LongVector) out).set(i, position(text(args[0], i), text(args[1], i)));
                default -> ((StringVector) out).set(i, textResult(args, i));
            }
        }
        return out;
    }

    private static boolean anyNull(Vector[] args, int i) {
        for (Vector v : args) {
            if (v.isNull(i)) {
                return true;
            }
        }
        return false;
    }

    private static String text(Vector v, int i) {
        return ((StringVector) v).get(i);
    }

    private String textResult(Vector[] args, int i) {
        return switch (function) {
            case UPPER -> mapCodePoints(text(args[0], i), true);
            case LOWER -> mapCodePoints(text(args[0], i), false);
            case TRIM -> trimSpaces(text(args[0], i));
            case REPLACE -> {
                String from = text(args[1], i);
                // an empty search string would insert the replacement between every character in Java
                yield from.isEmpty() ? text(args[0], i) : text(args[0], i).replace(from, text(args[2], i));
            }
            case SUBSTRING -> substring(text(args[0], i), ((LongVector) args[1]).get(i),
                    args.length > 2 ? ((LongVector) args[2]).get(i) : Long.MAX_VALUE, args.length > 2);
            case CONCAT -> {
                StringBuilder sb = new StringBuilder();
                for (Vector v : args) {
                    sb.append(TextFormat.format(v, i));
                }
                yield sb.toString();
            }
            default -> throw new IllegalStateException(function.name());
        };
    }

    private static String trimSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(start, end);
    }

    /** SQL SUBSTRING: characters from {@code start} (1-based, may be ≤ 0) for {@code length}; the window is clipped to the string. */
    static String substring(String s, long start, long length, boolean hasLength) {
        if (hasLength && length < 0) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "negative substring length " + length + " not allowed");
        }
        long points = s.codePointCount(0, s.length());
        long end = hasLength ? saturatedAdd(start, length) : Long.MAX_VALUE;
        long from = Math.max(start, 1);
        long to = Math.min(end, points + 1);
        if (to <= from) {
            return "";
        }
        int begin = s.offsetByCodePoints(0, (int) (from - 1));
        int finish = s.offsetByCodePoints(begin, (int) (to - from));
        return s.substring(begin, finish);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** 1-based code point position of {@code needle} in {@code haystack}, 0 when absent. */
    static long position(String needle, String haystack) {
        int index = haystack.indexOf(needle);
        return index < 0 ? 0 : haystack.codePointCount(0, index) + 1;
    }

    @Override
    public String describe() {
        if (function == ScalarFunction.CONCAT) {
            return arguments.stream().map(Expression::describe).collect(Collectors.joining(" || ", "(", ")"));
        }
        return arguments.stream().map(Expression::describe).collect(Collectors.joining(", ", function.name() + "(", ")"));
    }

    /**
     * Case mapping one code point at a time, as PostgreSQL and DuckDB do ('ß' stays 'ß'); Java's
     * String.toUpperCase applies the special full mappings and would give "SS".
     */
    private static String mapCodePoints(String s, boolean upper) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp));
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
