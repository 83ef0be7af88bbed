package io.junction.cli.output;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import io.junction.ResultColumn;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prints a result as RFC 4180 CSV (CRLF line ends) with a header row. NULL is an empty field and an
 * empty string is {@code ""}, so the two stay distinguishable.
 */
public final class CsvResultWriter implements ResultWriter {
    private final PrintWriter out;

    public CsvResultWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public long write(List<ResultColumn> columns, BatchStream batches) {
        // The CSV writer is flushed, never closed: closing it would close the caller's output.
        CsvWriter csv = CsvWriter.builder().quoteStrategy(QuoteStrategies.EMPTY).build(out);
        try {
            csv.writeRecord(columns.stream().map(ResultColumn::name).toList());
            long rows = 0;
            String[] fields = new String[columns.size()];
            for (Batch batch = batches.next(); batch != null; batch = batches.next()) {
                for (int r = 0; r < batch.rowCount(); r++) {
                    for (int c = 0; c < fields.length; c++) {
                        Object v = batch.column(c).getObject(r);
                        fields[c] = v == null ? null : ValueText.of(v);
                    }
                    csv.writeRecord(fields);
                    rows++;
                }
            }
            csv.flush();
            out.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
