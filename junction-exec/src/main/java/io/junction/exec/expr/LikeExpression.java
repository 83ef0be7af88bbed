package io.junction.exec.expr;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BooleanVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

/**
 * value LIKE | ILIKE | SIMILAR TO pattern [ESCAPE e]. A literal pattern is compiled once when the expression is built; a computed
 * pattern is compiled per distinct consecutive value. Without an ESCAPE clause backslash escapes, as in
 * PostgreSQL.
 */
public final class LikeExpression implements Expression {
    /** How the pattern reads: LIKE, case-insensitive LIKE, or SIMILAR TO. */
    public enum Kind { LIKE, ILIKE, SIMILAR }

    private final Kind kind;
    private final Expression value;
    private final Expression pattern;
    private final Expression escape;
    private final LikePattern constantPattern;
    private final boolean constantNull;

    public LikeExpression(Expression value, Expression pattern, Expression escape) {
        this(Kind.LIKE, value, pattern, escape);
    }

    public LikeExpression(Kind kind, Expression value, Expression pattern, Expression escape) {
        this.kind = kind;
        this.value = Expressions.coerce(value, JunctionType.VARCHAR);
        this.pattern = Expressions.coerce(pattern, JunctionType.VARCHAR);
        this.escape = escape == null ? null : Expressions.coerce(escape, JunctionType.VARCHAR);
        boolean patternConstant = pattern instanceof Literal;
        boolean escapeConstant = escape == null || escape instanceof Literal;
        if (patternConstant && escapeConstant) {
            Object p = ((Literal) pattern).value();
            Object e = escape == null ? "\\" : ((Literal) escape).value();
            constantNull = p == null || e == null;
            constantPattern = constantNull ? null : compile(p.toString(), e.toString());
        } else {
            constantNull = false;
            constantPattern = null;
        }
    }

    private LikePattern compile(String pattern, String escape) {
        int e = LikePattern.escapeCharacter(escape);
        return switch (kind) {
            case LIKE -> LikePattern.compile(pattern, e, false);
            case ILIKE -> LikePattern.compile(pattern, e, true);
            case SIMILAR -> LikePattern.compileSimilar(pattern, e);
        };
    }

    @Override
    public JunctionType type() {
        return JunctionType.BOOLEAN;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int n = batch.rowCount();
        BooleanVector out = (BooleanVector) Vector.create(JunctionType.BOOLEAN, n);
        if (constantNull) {
            for (int i = 0; i < n; i++) {
                out.setNull(i);
            }
            return out;
        }
        StringVector values = (StringVector) value.evaluate(batch);
        boolean[] result = out.values();
        if (constantPattern != null) {
            for (int i = 0; i < n; i++) {
                String s = values.get(i);
                if (s == null) {
                    out.setNull(i);
                } else {
                    result[i] = constantPattern.matches(s);
                }
            }
            return out;
        }
        StringVector patterns = (StringVector) pattern.evaluate(batch);
        StringVector escapes = escape == null ? null : (StringVector) escape.evaluate(batch);
        LikePattern compiled = null;
        String compiledEscape = null;
        for (int i = 0; i < n; i++) {
            String s = values.get(i);
            String p = patterns.get(i);
            String e = escapes == null ? "\\" : escapes.get(i);
            if (s == null || p == null || e == null) {
                out.setNull(i);
                continue;
            }
            if (compiled == null || !compiled.source().equals(p) || !e.equals(compiledEscape)) {
                compiled = compile(p, e);
                compiledEscape = e;
            }
            result[i] = compiled.matches(s);
        }
        return out;
    }

    @Override
    public String describe() {
        return "(" + value.describe() + " " + (kind == Kind.SIMILAR ? "SIMILAR TO" : kind.name()) + " " + pattern.describe() + (escape == null ? "" : " ESCAPE " + escape.describe()) + ")";
    }
}
