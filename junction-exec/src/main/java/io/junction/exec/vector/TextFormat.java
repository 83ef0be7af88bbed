package io.junction.exec.vector;

import io.junction.types.TypeKind;
import io.junction.vector.BinaryVector;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The text form of a value as PostgreSQL prints it (what CAST(x AS VARCHAR) yields): booleans as
 * true/false, dates ISO, timestamps with a space and only the fraction digits needed, decimals with their
 * full scale, floating point in shortest round-trip form, bytes as {@code \x} hex.
 */
public final class TextFormat {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TextFormat() {
    }

    /** Text of the non-NULL value at row {@code i}. */
    public static String format(Vector v, int i) {
        return switch (v) {
            case LongVector lv -> formatLong(v.type().kind(), lv.get(i));
            case DoubleVector dv -> v.type().kind() == TypeKind.REAL ? formatReal((float) dv.get(i)) : formatDouble(dv.get(i));
            case DecimalVector xv -> xv.getBigDecimal(i).toPlainString();
            case BooleanVector bv -> bv.get(i) ? "true" : "false";
            case StringVector sv -> sv.get(i);
            case BinaryVector yv -> formatBytes(yv.get(i));
        };
    }

    public static String formatLong(TypeKind kind, long v) {
        return switch (kind) {
            case DATE -> formatDate(v);
            case TIME -> formatTime(v);
            case TIMESTAMP -> formatTimestamp(v);
            case TIMESTAMP_TZ -> formatTimestamp(v) + "+00";
            default -> Long.toString(v);
        };
    }

    public static String formatDate(long epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        int year = d.getYear();
        if (year >= 1 && year <= 9999) {
            return d.toString();
        }
        // PostgreSQL writes years before 1 AD as "BC" and never uses a sign
        String bc = year <= 0 ? " BC" : "";
        int shown = year <= 0 ? 1 - year : year;
        return String.format("%04d-%02d-%02d%s", shown, d.getMonthValue(), d.getDayOfMonth(), bc);
    }

    public static String formatTime(long micros) {
        long seconds = micros / MICROS_PER_SECOND;
        long fraction = micros % MICROS_PER_SECOND;
        StringBuilder sb = new StringBuilder(15);
        two(sb, seconds / 3600).append(':');
        two(sb, seconds / 60 % 60).append(':');
        two(sb, seconds % 60);
        appendFraction(sb, fraction);
        return sb.toString();
    }

    public static String formatTimestamp(long micros) {
        long day = Math.floorDiv(micros, MICROS_PER_DAY);
        long timeOfDay = Math.floorMod(micros, MICROS_PER_DAY);
        String date = formatDate(day);
        if (date.endsWith(" BC")) {
            return date.substring(0, date.length() - 3) + " " + formatTime(timeOfDay) + " BC";
        }
        return date + " " + formatTime(timeOfDay);
    }

    private static StringBuilder two(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    private static void appendFraction(StringBuilder sb, long fraction) {
        if (fraction == 0) {
            return;
        }
        String digits = Long.toString(fraction + MICROS_PER_SECOND).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(digits, 0, end);
    }

    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return shortest(Double.toString(d), 15);
    }

    public static String formatReal(float f) {
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Infinity" : "-Infinity";
        }
        return shortest(Float.toString(f), 6);
    }

    /**
     * Rewrites Java's shortest round-trip digits in PostgreSQL's layout: plain notation unless the decimal
     * exponent is below -4 or at least {@code maxPlainExponent}, then {@code d.ddde+NN}.
     */
    private static String shortest(String javaText, int maxPlainExponent) {
        BigDecimal exact = new BigDecimal(javaText);
        if (exact.signum() == 0) {
            return javaText.startsWith("-") ? "-0" : "0";
        }
        BigDecimal stripped = exact.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent >= -4 && exponent < maxPlainExponent) {
            return stripped.toPlainString();
        }
        String digits = stripped.unscaledValue().abs().toString();
        StringBuilder sb = new StringBuilder();
        if (stripped.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            sb.append('0');
        }
        return sb.append(abs).toString();
    }

    public static String formatBytes(byte[] bytes) {
        StringBuilder sb = new StringBuilder(2 + bytes.length * 2).append("\\x");
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return sb.toString();
    }
}
