package io.junction.connector.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import io.junction.vector.Vector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/**
 * Streams the requested columns of one CSV file in batches; only the batch being filled is held in
 * memory. The file is opened when the scan is created and closed at the end or on {@link #close()}.
 */
final class CsvScan implements BatchStream {
    private final String sourceName;
    private final String table;
    private final CsvOptions options;
    private final int[] fieldPositions;
    private final String[] columnNames;
    private final List<JunctionType> types;
    private final int batchSize;
    private CsvReader<CsvRecord> reader;
    private Iterator<CsvRecord> records;

    /**
     * @param columnNames the columns to read, in output order; matched against the file's header when
     *                    the scan starts, so a file rewritten since planning fails clearly instead of
     *                    yielding the wrong column
     */
    CsvScan(String sourceName, String table, CsvFile file, CsvOptions options, String[] columnNames,
            List<JunctionType> types, int batchSize) {
        this.sourceName = sourceName;
        this.table = table;
        this.options = options;
        this.columnNames = columnNames;
        this.types = types;
        this.batchSize = batchSize;
        this.fieldPositions = new int[columnNames.length];
        try {
            reader = file.open();
            records = reader.iterator();
            List<String> header = records.hasNext() ? CsvFile.columnNames(records.next()) : List.of();
            for (int i = 0; i < columnNames.length; i++) {
                fieldPositions[i] = header.indexOf(columnNames[i]);
                if (fieldPositions[i] < 0) {
                    throw new JunctionException(ErrorCode.SOURCE_QUERY_FAILED, where() + ": column " + columnNames[i]
                            + " is no longer in the file's header (" + String.join(", ", header)
                            + "); the file changed since the query was planned, run it again");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            close();
            throw new JunctionException(ErrorCode.SOURCE_QUERY_FAILED, where() + ": cannot read " + file.path() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public Batch next() {
        if (records == null) {
            return null;
        }
        Vector[] vectors = new Vector[types.size()];
        for (int c = 0; c < vectors.length; c++) {
            vectors[c] = Vector.create(types.get(c), batchSize);
        }
        int rows = 0;
        try {
            while (rows < batchSize && records.hasNext()) {
                CsvRecord record = records.next();
                for (int c = 0; c < vectors.length; c++) {
                    int position = fieldPositions[c];
                    String field = position < record.getFieldCount() ? record.getField(position) : "";
                    if (options.isNull(field)) {
                        vectors[c].setNull(rows);
                    } else {
                        decode(field, vectors[c], rows, record.getStartingLineNumber(), c);
                    }
                }
                rows++;
            }
        } catch (CsvParseException e) {
            close();
            throw new JunctionException(ErrorCode.SOURCE_QUERY_FAILED, where() + ": malformed CSV: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            close();
            throw new JunctionException(ErrorCode.SOURCE_QUERY_FAILED, where() + ": cannot read the file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (rows == 0) {
            close();
            return null;
        }
        return new Batch(vectors, rows);
    }

    private void decode(String field, Vector target, int row, long line, int column) {
        try {
            CsvFieldDecoder.decode(field, target, row);
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            JunctionType type = target.type();
            throw new JunctionException(ErrorCode.INVALID_CAST, where() + ", line " + line + ", column " + columnNames[column]
                    + ": cannot read '" + abbreviate(field) + "' as " + type + "; override the type in the catalog with types: { "
                    + table + ": { " + columnNames[column] + ": VARCHAR } } (or another type that fits every row)", e);
        }
    }

    private String where() {
        return "csv source '" + sourceName + "', table " + table;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    @Override
    public void close() {
        records = null;
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // the file was only read; nothing is lost when closing it fails
            }
            reader = null;
        }
    }
}
