package io.junction.exec.expr;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.exec.vector.DecimalArithmetic;
import io.junction.exec.vector.TextFormat;
import io.junction.exec.vector.TextParsing;
import io.junction.types.CharPadding;
import io.junction.types.JunctionType;
import io.junction.types.TypeKind;
import io.junction.vector.Batch;
import io.junction.vector.BinaryVector;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * CAST(x AS type) with PostgreSQL's rules: numbers convert with range checks (decimal to integer rounds
 * half away from zero, double to integer rounds half to even as rint does), every type has a text form,
 * text parses into every type, DATE and TIMESTAMP convert both ways (TIMESTAMP WITH TIME ZONE read in
 * UTC), CHAR(n) pads with spaces, CHAR to another text type drops the padding, and VARCHAR(n)
 * truncates. The conversion loops over rows once and carries NULLs through.
 */
public final class CastExpression implements Expression {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final Expression operand;
    private final JunctionType type;

    public CastExpression(Expression operand, JunctionType type) {
        this.operand = operand;
        this.type = type;
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        return cast(operand.evaluate(batch), batch.rowCount(), type);
    }

    @Override
    public String describe() {
        return "CAST(" + operand.describe() + " AS " + type + ")";
    }

    /** Rows {@code 0..n} of {@code in} converted to {@code target}; returns {@code in} itself when no work is needed. */
    public static Vector cast(Vector in, int n, JunctionType target) {
        JunctionType source = in.type();
        if (source.equals(target) && target.kind() != TypeKind.CHAR) {
            return in;
        }
        Vector out = Vector.create(target, n);
        if (source.kind() == TypeKind.NULL) {
            for (int i = 0; i < n; i++) {
                out.setNull(i);
            }
            return out;
        }
        boolean nulls = in.mayHaveNulls();
        for (int i = 0; i < n; i++) {
            if (nulls && in.isNull(i)) {
                out.setNull(i);
            }
        }
        switch (target.kind()) {
            case CHAR, VARCHAR, JSON, UUID -> toText(in, n, (StringVector) out);
            case BOOLEAN -> toBoolean(in, n, (BooleanVector) out);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> toInteger(in, n, (LongVector) out);
            case REAL, DOUBLE -> toDouble(in, n, (DoubleVector) out);
            case DECIMAL -> toDecimal(in, n, (DecimalVector) out);
            case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> toTemporal(in, n, (LongVector) out);
            case VARBINARY -> toBinary(in, n, (BinaryVector) out);
            case NULL -> throw unsupported(source, target);
        }
        return out;
    }

    private static JunctionException unsupported(JunctionType source, JunctionType target) {
        return new JunctionException(ErrorCode.INVALID_CAST, "cannot cast type " + source + " to " + target);
    }

    private static void toText(Vector in, int n, StringVector out) {
        JunctionType target = out.type();
        int length = target.precision();
        // As in PostgreSQL, a CHAR value loses its padding when it becomes another text type, so a
        // CHAR(10) 'Brand#45  ' compared as VARCHAR equals 'Brand#45'.
        boolean unpad = in.type().kind() == TypeKind.CHAR && target.kind() != TypeKind.CHAR;
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                continue;
            }
            String s = TextFormat.format(in, i);
            if (unpad) {
                s = withoutTrailingSpaces(s);
            }
            switch (target.kind()) {
                case CHAR -> s = padOrTruncate(s, length);
                case VARCHAR -> s = truncate(s, length);
                case UUID -> s = TextParsing.parseUuid(s, target);
                default -> { }
            }
            out.set(i, s);
        }
    }

    private static String withoutTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String truncate(String s, int length) {
        if (length == JunctionType.UNBOUNDED || s.length() <= length || s.codePointCount(0, s.length()) <= length) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, length));
    }

    private static String padOrTruncate(String s, int length) {
        return CharPadding.padded(truncate(s, length), length);
    }

    private static void toBoolean(Vector in, int n, BooleanVector out) {
        switch (in) {
            case BooleanVector b -> {
                for (int i = 0; i < n; i++) {
                    if (!b.isNull(i)) {
                        out.set(i, b.get(i));
                    }
                }
            }
            case LongVector l when in.type().kind().isInteger() -> {
                for (int i = 0; i < n; i++) {
                    if (!l.isNull(i)) {
                        out.set(i, l.get(i) != 0);
                    }
                }
            }
            case StringVector s -> {
                for (int i = 0; i < n; i++) {
                    if (!s.isNull(i)) {
                        out.set(i, TextParsing.parseBoolean(s.get(i), out.type()));
                    }
                }
            }
            default -> throw unsupported(in.type(), out.type());
        }
    }

    private static void toInteger(Vector in, int n, LongVector out) {
        JunctionType target = out.type();
        long[] r = out.values();
        switch (in) {
            case LongVector l when in.type().kind().isInteger() -> {
                long[] x = l.values();
                for (int i = 0; i < n; i++) {
                    if (!l.isNull(i)) {
                        r[i] = checkRange(x[i], target);
                    }
                }
            }
            case DoubleVector d -> {
                double[] x = d.values();
                for (int i = 0; i < n; i++) {
                    if (!d.isNull(i)) {
                        double rounded = Math.rint(x[i]);
                        if (Double.isNaN(rounded) || rounded < -0x1p63 || rounded >= 0x1p63) {
                            throw DecimalArithmetic.overflow(TextFormat.formatDouble(x[i]), target);
                        }
                        r[i] = checkRange((long) rounded, target);
                    }
                }
            }
            case DecimalVector x -> {
                long[] u = x.unscaledValues();
                for (int i = 0; i < n; i++) {
                    if (x.isNull(i)) {
                        continue;
                    }
                    if (x.isWide(i)) {
                        BigInteger whole = x.getBigDecimal(i).setScale(0, RoundingMode.HALF_UP).unscaledValue();
                        if (whole.bitLength() > 63) {
                            throw DecimalArithmetic.overflow(x.getBigDecimal(i), target);
                        }
                        r[i] = checkRange(whole.longValue(), target);
                    } else {
                        r[i] = checkRange(DecimalArithmetic.scaleDownHalfUp(u[i], x.scale()), target);
                    }
                }
            }
            case BooleanVector b -> {
                for (int i = 0; i < n; i++) {
                    if (!b.isNull(i)) {
                        r[i] = b.get(i) ? 1 : 0;
                    }
                }
            }
            case StringVector s -> {
                for (int i = 0; i < n; i++) {
                    if (!s.isNull(i)) {
                        r[i] = checkRange(TextParsing.parseLong(s.get(i), target), target);
                    }
                }
            }
            default -> throw unsupported(in.type(), target);
        }
    }

    /** The value if it fits the integer type, else NUMERIC_OVERFLOW naming it. */
    public static long checkRange(long v, JunctionType target) {
        boolean fits = switch (target.kind()) {
            case TINYINT -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case SMALLINT -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case INTEGER -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            default -> true;
        };
        if (!fits) {
            throw DecimalArithmetic.overflow(v, target);
        }
        return v;
    }

    private static void toDouble(Vector in, int n, DoubleVector out) {
        JunctionType target = out.type();
        boolean real = target.kind() == TypeKind.REAL;
        double[] r = out.values();
        switch (in) {
            case LongVector l when in.type().kind().isInteger() -> {
                long[] x = l.values();
                for (int i = 0; i < n; i++) {
                    r[i] = x[i];
                }
            }
            case DoubleVector d -> System.arraycopy(d.values(), 0, r, 0, n);
            case DecimalVector x -> {
                for (int i = 0; i < n; i++) {
                    if (!x.isNull(i)) {
                        r[i] = x.getBigDecimal(i).doubleValue();
                    }
                }
            }
            case StringVector s -> {
                for (int i = 0; i < n; i++) {
                    if (!s.isNull(i)) {
                        r[i] = TextParsing.parseDouble(s.get(i), target);
                    }
                }
            }
            default -> throw unsupported(in.type(), target);
        }
        if (real) {
            for (int i = 0; i < n; i++) {
                float f = (float) r[i];
                if (Float.isInfinite(f) && !Double.isInfinite(r[i]) && !out.isNull(i)) {
                    throw DecimalArithmetic.overflow(TextFormat.formatDouble(r[i]), target);
                }
                r[i] = f;
            }
        }
    }

    private static void toDecimal(Vector in, int n, DecimalVector out) {
        JunctionType target = out.type();
        int scale = target.scale();
        switch (in) {
            case LongVector l when in.type().kind().isInteger() -> {
                long[] x = l.values();
                for (int i = 0; i < n; i++) {
                    if (l.isNull(i)) {
                        continue;
                    }
                    try {
                        long unscaled = DecimalArithmetic.scaleUp(x[i], scale);
                        if (!DecimalArithmetic.fits(unscaled, target.precision())) {
                            throw DecimalArithmetic.overflow(x[i], target);
                        }
                        out.setUnscaled(i, unscaled);
                    } catch (ArithmeticException e) {
                        DecimalArithmetic.store(out, i, BigDecimal.valueOf(x[i]));
                    }
                }
            }
            case DecimalVector x -> {
                int from = x.scale();
                long[] u = x.unscaledValues();
                for (int i = 0; i < n; i++) {
                    if (x.isNull(i)) {
                        continue;
                    }
                    if (!x.isWide(i)) {
                        try {
                            long unscaled = scale >= from ? DecimalArithmetic.scaleUp(u[i], scale - from)
                                    : DecimalArithmetic.scaleDownHalfUp(u[i], from - scale);
                            if (!DecimalArithmetic.fits(unscaled, target.precision())) {
                                throw DecimalArithmetic.overflow(x.getBigDecimal(i), target);
                            }
                            out.setUnscaled(i, unscaled);
                            continue;
                        } catch (ArithmeticException e) {
                            // falls through to the exact path
                        }
                    }
                    DecimalArithmetic.store(out, i, x.getBigDecimal(i));
                }
            }
            case DoubleVector d -> {
                for (int i = 0; i < n; i++) {
                    if (d.isNull(i)) {
                        continue;
                    }
                    double v = d.get(i);
                    if (Double.isNaN(v) || Double.isInfinite(v)) {
                        throw DecimalArithmetic.overflow(TextFormat.formatDouble(v), target);
                    }
                    // the shortest text that reads back as the double, as PostgreSQL converts float8 to numeric
                    String text = d.type().kind() == TypeKind.REAL ? Float.toString((float) v) : Double.toString(v);
                    DecimalArithmetic.store(out, i, new BigDecimal(text));
                }
            }
            case BooleanVector b -> throw unsupported(b.type(), target);
            case StringVector s -> {
                for (int i = 0; i < n; i++) {
                    if (!s.isNull(i)) {
                        DecimalArithmetic.store(out, i, TextParsing.parseDecimal(s.get(i), target));
                    }
                }
            }
            default -> throw unsupported(in.type(), target);
        }
    }

    private static void toTemporal(Vector in, int n, LongVector out) {
        JunctionType target = out.type();
        TypeKind to = target.kind();
        long[] r = out.values();
        if (in instanceof StringVector s) {
            for (int i = 0; i < n; i++) {
                if (s.isNull(i)) {
                    continue;
                }
                String text = s.get(i);
                r[i] = switch (to) {
                    case DATE -> TextParsing.parseDate(text, target);
                    case TIME -> TextParsing.parseTime(text, target);
                    case TIMESTAMP -> TextParsing.parseTimestamp(text, target);
                    default -> TextParsing.parseTimestampTz(text, target);
                };
            }
            return;
        }
        TypeKind from = in.type().kind();
        if (!(in instanceof LongVector l) || !from.isTemporal()) {
            throw unsupported(in.type(), target);
        }
        long[] x = l.values();
        boolean fromDay = from == TypeKind.DATE;
        boolean fromInstant = from == TypeKind.TIMESTAMP || from == TypeKind.TIMESTAMP_TZ;
        switch (to) {
            case DATE -> {
                requireThat(fromInstant, in.type(), target);
                for (int i = 0; i < n; i++) {
                    r[i] = Math.floorDiv(x[i], MICROS_PER_DAY);
                }
            }
            case TIME -> {
                requireThat(fromInstant, in.type(), target);
                for (int i = 0; i < n; i++) {
                    r[i] = Math.floorMod(x[i], MICROS_PER_DAY);
                }
            }
            default -> {
                // TIMESTAMP <-> TIMESTAMP WITH TIME ZONE keep their micros: the session zone is UTC
                requireThat(fromDay || fromInstant, in.type(), target);
                for (int i = 0; i < n; i++) {
                    r[i] = fromDay ? x[i] * MICROS_PER_DAY : x[i];
                }
            }
        }
    }

    private static void requireThat(boolean allowed, JunctionType source, JunctionType target) {
        if (!allowed) {
            throw unsupported(source, target);
        }
    }

    private static void toBinary(Vector in, int n, BinaryVector out) {
        if (!(in instanceof StringVector || in instanceof BinaryVector)) {
            throw unsupported(in.type(), out.type());
        }
        for (int i = 0; i < n; i++) {
            if (in.isNull(i)) {
                continue;
            }
            byte[] bytes = in instanceof StringVector s ? s.get(i).getBytes(StandardCharsets.UTF_8) : ((BinaryVector) in).get(i);
            int length = out.type().precision();
            if (length != JunctionType.UNBOUNDED && bytes.length > length) {
                bytes = java.util.Arrays.copyOf(bytes, length);
            }
            out.set(i, bytes);
        }
    }
}
