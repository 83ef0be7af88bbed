package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.util.List;

/**
 * LPAD and RPAD(text, length [, fill]) as in PostgreSQL: the result has exactly {@code length} characters
 * (code points), cut from the right when the text is longer, otherwise filled on the left (LPAD) or right
 * (RPAD) by repeating {@code fill} (a space by default); an empty fill leaves the text as is, and a length
 * below one gives the empty string.
 */
public final class PadExpression implements Expression {
    private final boolean left;
    private final Expression text;
    private final Expression length;
    private final Expression fill;

    public PadExpression(boolean left, List<Expression> arguments) {
        if (arguments.size() < 2 || arguments.size() > 3) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, (left ? "LPAD" : "RPAD") + " does not take " + arguments.size() + " arguments");
        }
        this.left = left;
        this.text = Expressions.coerce(arguments.get(0), JunctionType.VARCHAR);
        this.length = Expressions.coerce(arguments.get(1), JunctionType.BIGINT);
        this.fill = arguments.size() > 2 ? Expressions.coerce(arguments.get(2), JunctionType.VARCHAR) : null;
    }

    @Override
    public JunctionType type() {
        return JunctionType.VARCHAR;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        StringVector texts = (StringVector) text.evaluate(batch);
        LongVector lengths = (LongVector) length.evaluate(batch);
        StringVector fills = fill == null ? null : (StringVector) fill.evaluate(batch);
        StringVector out = (StringVector) Vector.create(JunctionType.VARCHAR, n);
        for (int i = 0; i < n; i++) {
            if (texts.isNull(i) || lengths.isNull(i) || (fills != null && fills.isNull(i))) {
                out.setNull(i);
                continue;
            }
            out.set(i, pad(texts.get(i), lengths.get(i), fills == null ? " " : fills.get(i), left));
        }
        return out;
    }

    static String pad(String s, long length, String fill, boolean left) {
        if (length <= 0) {
            return "";
        }
        if (length > 10_000_000) {
            throw new JunctionException(ErrorCode.INVALID_VALUE, "requested length " + length + " is too large");
        }
        int points = s.codePointCount(0, s.length());
        if (points >= length) {
            return s.substring(0, s.offsetByCodePoints(0, (int) length));
        }
        if (fill.isEmpty()) {
            return s;
        }
        int missing = (int) length - points;
        StringBuilder padding = new StringBuilder();
        int[] fillPoints = fill.codePoints().toArray();
        for (int k = 0; k < missing; k++) {
            padding.appendCodePoint(fillPoints[k % fillPoints.length]);
        }
        return left ? padding + s : s + padding;
    }

    @Override
    public String describe() {
        return (left ? "LPAD(" : "RPAD(") + text.describe() + ", " + length.describe() + (fill == null ? "" : ", " + fill.describe()) + ")";
    }
}
