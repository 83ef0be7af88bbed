package io.junction.exec.vector;

/**
 * Orders strings by Unicode code point, as PostgreSQL's "C" collation does. {@link String#compareTo}
 * compares UTF-16 units, which puts supplementary characters (surrogate pairs, 0xD800-0xDFFF) before
 * BMP characters 0xE000-0xFFFF; rotating those two ranges restores code point order without decoding.
 */
public final class CodePointOrder {
    private CodePointOrder() {
    }

    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int k = 0; k < n; k++) {
            char x = a.charAt(k);
            char y = b.charAt(k);
            if (x != y) {
                return rotate(x) - rotate(y);
            }
        }
        return a.length() - b.length();
    }

    private static int rotate(char c) {
        if (c < 0xD800) {
            return c;
        }
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
