package io.junction.connector.csv;

import io.junction.types.JunctionType;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Infers one column's type from sampled field texts. Each value is classified into the narrowest
 * form it has, and the column takes the least form that covers all of them: integers widen to
 * decimals and decimals to doubles, dates widen to timestamps; any other mix is VARCHAR.
 *
 * <ul>
 *   <li>Whole numbers become BIGINT (never INTEGER: a later row beyond the sample may not fit).</li>
 *   <li>Plain decimals become DECIMAL(p,s) with s the largest scale seen and p = max(18, digits seen),
 *       so later rows may have more integer digits; more than 38 digits in all makes the column VARCHAR.</li>
 *   <li>Numbers with a leading zero ("007", zip codes) stay text, as they are identifiers, not quantities.</li>
 *   <li>A column with no non-NULL value in the sample is VARCHAR.</li>
 * </ul>
 */
final class ColumnTypeInference {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+)");
    private static final Pattern EXPONENT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)[eE][+-]?\\d+");
    private static final Pattern LEADING_ZERO = Pattern.compile("[+-]?0\\d.*");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final Pattern DATE_TIME_OFFSET = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

    /** The forms a value can take, ordered so that widening stays within a family. */
    private enum Form { NONE, INTEGER, DECIMAL, DOUBLE, BOOLEAN, DATE, TIMESTAMP, TIMESTAMP_TZ, TIME, TEXT }

    private Form form = Form.NONE;
    private int integerDigits;
    private int scale;

    void observe(String field) {
        String text = field.strip();
        Form f = classify(text);
        if (f == Form.INTEGER || f == Form.DECIMAL) {
            countDigits(text);
        }
        form = join(form, f);
    }

    JunctionType type() {
        return switch (form) {
            case NONE, TEXT -> JunctionType.VARCHAR;
            case INTEGER -> integerDigits <= 18 ? JunctionType.BIGINT : decimalOrText();
            case DECIMAL -> decimalOrText();
            case DOUBLE -> JunctionType.DOUBLE;
            case BOOLEAN -> JunctionType.BOOLEAN;
            case DATE -> JunctionType.DATE;
            case TIMESTAMP -> JunctionType.TIMESTAMP;
            case TIMESTAMP_TZ -> JunctionType.TIMESTAMP_TZ;
            case TIME -> JunctionType.TIME;
        };
    }

    private JunctionType decimalOrText() {
        int digits = integerDigits + scale;
        if (digits > JunctionType.MAX_DECIMAL_PRECISION) {
            return JunctionType.VARCHAR;
        }
        return JunctionType.decimal(Math.min(JunctionType.MAX_DECIMAL_PRECISION, Math.max(18, digits)), scale);
    }

    private void countDigits(String text) {
        String unsigned = text.charAt(0) == '+' || text.charAt(0) == '-' ? text.substring(1) : text;
        int dot = unsigned.indexOf('.');
        int intPart = dot < 0 ? unsigned.length() : dot;
        integerDigits = Math.max(integerDigits, intPart);
        if (dot >= 0) {
            scale = Math.max(scale, unsigned.length() - dot - 1);
        }
    }

    private static Form classify(String text) {
        if (text.isEmpty()) {
            return Form.TEXT;
        }
        if (INTEGER.matcher(text).matches()) {
            return LEADING_ZERO.matcher(text).matches() ? Form.TEXT : Form.INTEGER;
        }
        if (DECIMAL.matcher(text).matches()) {
            return Form.DECIMAL;
        }
        if (EXPONENT.matcher(text).matches()) {
            return Form.DOUBLE;
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Form.BOOLEAN;
        }
        try {
            if (DATE.matcher(text).matches()) {
                LocalDate.parse(text);
                return Form.DATE;
            }
            if (DATE_TIME.matcher(text).matches()) {
                CsvFieldDecoder.timestamp(text);
                return Form.TIMESTAMP;
            }
            if (DATE_TIME_OFFSET.matcher(text).matches()) {
                CsvFieldDecoder.timestampTz(text);
                return Form.TIMESTAMP_TZ;
            }
            if (TIME.matcher(text).matches()) {
                LocalTime.parse(text);
                return Form.TIME;
            }
        } catch (DateTimeParseException e) {
            return Form.TEXT;
        }
        return Form.TEXT;
    }

    private static Form join(Form a, Form b) {
        if (a == b || b == Form.NONE) {
            return a;
        }
        if (a == Form.NONE) {
            return b;
        }
        boolean numeric = isNumeric(a) && isNumeric(b);
        boolean dated = (a == Form.DATE || a == Form.TIMESTAMP) && (b == Form.DATE || b == Form.TIMESTAMP);
        if (numeric || dated) {
            return a.ordinal() > b.ordinal() ? a : b;
        }
        return Form.TEXT;
    }

    private static boolean isNumeric(Form f) {
        return f == Form.INTEGER || f == Form.DECIMAL || f == Form.DOUBLE;
    }
}
