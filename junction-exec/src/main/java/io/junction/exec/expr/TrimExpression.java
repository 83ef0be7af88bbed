package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.util.Locale;

/**
 * TRIM(LEADING | TRAILING | BOTH characters FROM text), also LTRIM/RTRIM: removes from the chosen ends the
 * longest run of characters that are all in {@code characters} (a set, not a substring, as in PostgreSQL).
 */
public final class TrimExpression implements Expression {
    public enum Side { LEADING, TRAILING, BOTH }

    private final Side side;
    private final Expression characters;
    private final Expression text;

    public TrimExpression(Side side, Expression characters, Expression text) {
        this.side = side;
        this.characters = Expressions.coerce(characters, JunctionType.VARCHAR);
        this.text = Expressions.coerce(text, JunctionType.VARCHAR);
    }

    /** The side named by a TRIM flag ({@code LEADING}, {@code TRAILING} or {@code BOTH}). */
    public static Side side(String flag) {
        try {
            return Side.valueOf(flag.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "TRIM side '" + flag + "' is not LEADING, TRAILING or BOTH");
        }
    }

    @Override
    public JunctionType type() {
        return JunctionType.VARCHAR;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        StringVector texts = (StringVector) text.evaluate(batch);
        StringVector sets = (StringVector) characters.evaluate(batch);
        StringVector out = (StringVector) Vector.create(JunctionType.VARCHAR, n);
        for (int i = 0; i < n; i++) {
            if (texts.isNull(i) || sets.isNull(i)) {
                out.setNull(i);
            } else {
                out.set(i, trim(texts.get(i), sets.get(i), side));
            }
        }
        return out;
    }

    static String trim(String s, String set, Side side) {
        int start = 0;
        int end = s.length();
        if (side != Side.TRAILING) {
            while (start < end) {
                int c = s.codePointAt(start);
                if (set.indexOf(c) < 0) {
                    break;
                }
                start += Character.charCount(c);
            }
        }
        if (side != Side.LEADING) {
            while (end > start) {
                int c = s.codePointBefore(end);
                if (set.indexOf(c) < 0) {
                    break;
                }
                end -= Character.charCount(c);
            }
        }
        return s.substring(start, end);
    }

    @Override
    public String describe() {
        return "TRIM(" + side + " " + characters.describe() + " FROM " + text.describe() + ")";
    }
}
