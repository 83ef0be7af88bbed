package io.junction.types;

/**
 * The padding of CHAR(n) values: Junction carries them padded with spaces to n characters, as PostgreSQL returns
 * them, so that a CHAR value compares, groups and joins alike whichever source it came from (MariaDB and MySQL
 * strip the padding when they return a CHAR column).
 */
public final class CharPadding {
    private CharPadding() {
    }

    /** {@code value} padded with spaces to {@code length} code points; longer values and UNBOUNDED lengths stay as they are. */
    public static String padded(String value, int length) {
        if (length == JunctionType.UNBOUNDED) {
            return value;
        }
        int points = value.codePointCount(0, value.length());
        return points >= length ? value : value + " ".repeat(length - points);
    }
}
