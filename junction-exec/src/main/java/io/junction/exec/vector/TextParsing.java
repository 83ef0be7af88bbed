package io.junction.exec.vector;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.types.TemporalEncoding;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads values from text as CAST(text AS type) does: surrounding whitespace is ignored, and text that is
 * not a valid value raises INVALID_CAST naming the text and the type, while a well-formed number too large
 * for the type raises NUMERIC_OVERFLOW.
 */
public final class TextParsing {
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");
    private static final Pattern OFFSET_SUFFIX = Pattern.compile("(?:\\s*)(Z|[+-]\\d{1,2}(?::?\\d{2})?)$");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-M-d", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private TextParsing() {
    }

    public static JunctionException invalid(String text, JunctionType type) {
        return new JunctionException(ErrorCode.INVALID_CAST, "invalid value '" + text + "' for type " + type);
    }

    public static long parseLong(String text, JunctionType type) {
        String t = text.strip();
        if (!INTEGER_TEXT.matcher(t).matches()) {
            throw invalid(text, type);
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw DecimalArithmetic.overflow(t, type);
        }
    }

    public static double parseDouble(String text, JunctionType type) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan" -> { return Double.NaN; }
            case "infinity", "+infinity", "inf", "+inf" -> { return Double.POSITIVE_INFINITY; }
            case "-infinity", "-inf" -> { return Double.NEGATIVE_INFINITY; }
            default -> { }
        }
        // Java also accepts hex floats and a trailing d/f type suffix, which SQL does not
        if (t.isEmpty() || lower.startsWith("0x") || lower.startsWith("-0x") || lower.startsWith("+0x")
                || !Character.isDigit(t.charAt(t.length() - 1)) && t.charAt(t.length() - 1) != '.') {
            throw invalid(text, type);
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw invalid(text, type);
        }
    }

    public static BigDecimal parseDecimal(String text, JunctionType type) {
        String t = text.strip();
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw invalid(text, type);
        }
    }

    /** PostgreSQL's boolean spellings: true/false, yes/no, on/off, 1/0 and unique prefixes. */
    public static boolean parseBoolean(String text, JunctionType type) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
            if ("true".startsWith(t) || "yes".startsWith(t) || t.equals("on") || t.equals("1")) {
                return true;
            }
            if ("false".startsWith(t) || "no".startsWith(t) || t.equals("off") || t.equals("0")) {
                return false;
            }
        }
        throw invalid(text, type);
    }

    public static long parseDate(String text, JunctionType type) {
        String t = text.strip();
        int cut = firstOf(t, 'T', ' ');
        String datePart = cut < 0 ? t : t.substring(0, cut);
        try {
            return TemporalEncoding.encodeDate(LocalDate.parse(datePart, DATE));
        } catch (DateTimeException e) {
            throw invalid(text, type);
        }
    }

    public static long parseTime(String text, JunctionType type) {
        try {
            return TemporalEncoding.encodeTime(LocalTime.parse(text.strip()));
        } catch (DateTimeException e) {
            throw invalid(text, type);
        }
    }

    public static long parseTimestamp(String text, JunctionType type) {
        return TemporalEncoding.encodeTimestamp(localDateTime(text.strip(), text, type));
    }

    /** A timestamp with an offset (Z, +02, +02:00, +0530); without one the text is read as UTC. */
    public static long parseTimestampTz(String text, JunctionType type) {
        String t = text.strip();
        ZoneOffset offset = ZoneOffset.UTC;
        Matcher m = OFFSET_SUFFIX.matcher(t);
        // the offset must follow a time, not be the day of a bare date such as 2024-01-05
        if (m.find() && t.indexOf(':') >= 0 && m.start() > t.lastIndexOf(':') - 3) {
            String o = m.group(1);
            try {
                offset = o.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(normalizeOffset(o));
            } catch (DateTimeException e) {
                throw invalid(text, type);
            }
            t = t.substring(0, m.start());
        }
        LocalDateTime local = localDateTime(t, text, type);
        return TemporalEncoding.encodeInstant(local.toInstant(offset));
    }

    private static String normalizeOffset(String o) {
        String sign = o.substring(0, 1);
        String digits = o.substring(1).replace(":", "");
        if (digits.length() == 1 || digits.length() == 3) {
            digits = "0" + digits;
        }
        return digits.length() == 2 ? sign + digits : sign + digits.substring(0, 2) + ":" + digits.substring(2);
    }

    private static LocalDateTime localDateTime(String t, String original, JunctionType type) {
        int cut = firstOf(t, 'T', ' ');
        try {
            LocalDate date = LocalDate.parse(cut < 0 ? t : t.substring(0, cut), DATE);
            if (cut < 0) {
                return date.atStartOfDay();
            }
            return date.atTime(LocalTime.parse(t.substring(cut + 1).strip()));
        } catch (DateTimeException e) {
            throw invalid(original, type);
        }
    }

    private static int firstOf(String t, char a, char b) {
        int i = t.indexOf(a);
        int j = t.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }

    /** Canonical lower-case UUID text. */
    public static String parseUuid(String text, JunctionType type) {
        String t = text.strip();
        if (!UUID_TEXT.matcher(t).matches()) {
            throw invalid(text, type);
        }
        return t.toLowerCase(Locale.ROOT);
    }
}
