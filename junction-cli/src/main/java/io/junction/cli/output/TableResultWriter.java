package io.junction.cli.output;

import io.junction.ResultColumn;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a result as an aligned table with a {@code (N rows)} footer. The first
 * {@value #SIZING_ROWS} rows are held to size the columns; later rows are printed as they arrive with
 * those widths, so memory stays bounded however long the result is. Numbers are right-aligned.
 */
public final class TableResultWriter implements ResultWriter {
    static final int SIZING_ROWS = 1000;

    private final PrintWriter out;
    private final int sizingRows;

    public TableResultWriter(PrintWriter out) {
        this(out, SIZING_ROWS);
    }

    TableResultWriter(PrintWriter out, int sizingRows) {
        this.out = out;
        this.sizingRows = sizingRows;
    }

    @Override
    public long write(List<ResultColumn> columns, BatchStream batches) {
        boolean[] right = new boolean[columns.size()];
        for (int c = 0; c < right.length; c++) {
            right[c] = columns.get(c).type().kind().isNumeric();
        }
        TextTable table = new TextTable(out, columns.stream().map(ResultColumn::name).toList(), right);
        List<String[]> sizing = new ArrayList<>();
        long rows = 0;
        boolean streaming = false;
        for (Batch batch = batches.next(); batch != null; batch = batches.next()) {
            for (int r = 0; r < batch.rowCount(); r++) {
                String[] cells = cells(batch, r);
                rows++;
                if (streaming) {
                    table.printRow(cells);
                } else {
                    sizing.add(cells);
                    table.fit(cells);
                    if (sizing.size() >= sizingRows) {
                        flushSizing(table, sizing);
                        streaming = true;
                    }
                }
            }
        }
        if (!streaming) {
            flushSizing(table, sizing);
        }
        out.println(rows == 1 ? "(1 row)" : "(" + rows + " rows)");
        out.flush();
        return rows;
    }

    private static void flushSizing(TextTable table, List<String[]> sizing) {
        table.printHeader();
        sizing.forEach(table::printRow);
        sizing.clear();
    }

    private static String[] cells(Batch batch, int row) {
        String[] cells = new String[batch.columnCount()];
        for (int c = 0; c < cells.length; c++) {
            Object v = batch.column(c).getObject(row);
            cells[c] = v == null ? null : ValueText.of(v);
        }
        return cells;
    }
}
