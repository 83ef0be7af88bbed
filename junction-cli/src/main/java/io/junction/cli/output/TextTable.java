package io.junction.cli.output;

import org.jline.utils.WCWidth;

import java.io.PrintWriter;
import java.util.List;

/**
 * Lays out text cells in aligned columns, psql style:
 * <pre>
 *  id | name
 * ----+-------
 *   1 | Zoë
 * </pre>
 * Widths count terminal columns, not chars, so wide (CJK) and combining characters line up.
 * Line breaks and tabs in cells are shown as {@code \n} and {@code \t} to keep one row per line.
 * A cell wider than its column (possible when widths were fixed before all rows were seen) simply
 * pushes the rest of its row to the right; nothing is cut.
 */
public final class TextTable {
    static final String NULL_TEXT = "NULL";

    private final PrintWriter out;
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final int[] widths;

    TextTable(PrintWriter out, List<String> headers, boolean[] rightAligned) {
        this.out = out;
        this.headers = headers.stream().map(TextTable::visible).toList();
        this.rightAligned = rightAligned;
        this.widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = displayWidth(this.headers.get(c));
        }
    }

    /** Prints a small table whose rows are all at hand (listings); cells are left-aligned. */
    public static void print(PrintWriter out, List<String> headers, List<String[]> rows) {
        TextTable table = new TextTable(out, headers, new boolean[headers.size()]);
        rows.forEach(table::fit);
        table.printHeader();
        rows.forEach(table::printRow);
        out.flush();
    }

    /** Widens the columns to fit a row that will be printed (cells: null for NULL). */
    void fit(String[] cells) {
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(widths[c], displayWidth(visible(cells[c])));
        }
    }

    void printHeader() {
        StringBuilder line = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                line.append('|');
                rule.append('+');
            }
            line.append(' ');
            pad(line, headers.get(c), widths[c], false);
            line.append(' ');
            rule.append("-".repeat(widths[c] + 2));
        }
        out.println(stripTrailing(line));
        out.println(rule);
    }

    void printRow(String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                line.append('|');
            }
            line.append(' ');
            pad(line, visible(cells[c]), widths[c], rightAligned[c] && cells[c] != null);
            line.append(' ');
        }
        out.println(stripTrailing(line));
    }

    static int displayWidth(String s) {
        int width = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            width += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return width;
    }

    private static String visible(String cell) {
        if (cell == null) {
            return NULL_TEXT;
        }
        if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0 && cell.indexOf('\t') < 0) {
            return cell;
        }
        return cell.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static void pad(StringBuilder line, String text, int width, boolean right) {
        int fill = Math.max(0, width - displayWidth(text));
        if (right) {
            line.append(" ".repeat(fill)).append(text);
        } else {
            line.append(text).append(" ".repeat(fill));
        }
    }

    private static String stripTrailing(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        return line.substring(0, end);
    }
}
