package io.junction.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into statements at semicolons that are not inside string literals, quoted identifiers
 * or comments. What follows the last semicolon is returned as the unfinished remainder, which lets the
 * REPL keep reading lines until a statement is complete.
 */
final class SqlStatements {
    /** @param complete statements without their {@code ;}, trimmed, blank ones dropped */
    record Split(List<String> complete, String remainder) {
    }

    private SqlStatements() {
    }

    static Split split(String text) {
        List<String> complete = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(text, i, c);
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                String statement = text.substring(start, i).strip();
                if (!statement.isEmpty()) {
                    complete.add(statement);
                }
                start = ++i;
            } else {
                i++;
            }
        }
        return new Split(complete, text.substring(start));
    }

    /** Index just past the quote closing the one at {@code open} (a doubled quote is an escaped one). */
    private static int closingQuote(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }
}
