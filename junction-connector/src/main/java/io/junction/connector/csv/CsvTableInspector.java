package io.junction.connector.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.ColumnMetadata;
import io.junction.types.JunctionType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads a CSV file's header and first rows to describe it as a table: column names from the header,
 * types inferred from the sample unless overridden in the catalog, and a row count (exact when the
 * whole file fits the sample, otherwise file size divided by the sample's average row size).
 */
final class CsvTableInspector {
    private final String sourceName;
    private final CsvOptions options;

    CsvTableInspector(String sourceName, CsvOptions options) {
        this.sourceName = sourceName;
        this.options = options;
    }

    TableMetadata inspect(String schema, String table, CsvFile file) {
        String where = "csv source '" + sourceName + "', table " + table + " (" + file.path() + ")";
        try (CsvReader<CsvRecord> reader = file.open()) {
            Iterator<CsvRecord> records = reader.iterator();
            if (!records.hasNext()) {
                throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": the file is empty; a header row with the column names is needed");
            }
            List<String> names = CsvFile.columnNames(records.next());
            checkOverrides(table, names, where);
            ColumnTypeInference[] inference = new ColumnTypeInference[names.size()];
            for (int c = 0; c < inference.length; c++) {
                inference[c] = new ColumnTypeInference();
            }
            long sampled = 0;
            long sampledBytes = 0;
            while (sampled < options.sampleRows() && records.hasNext()) {
                CsvRecord record = records.next();
                sampled++;
                sampledBytes += approximateBytes(record);
                for (int c = 0; c < record.getFieldCount(); c++) {
                    String field = record.getField(c);
                    if (!options.isNull(field)) {
                        inference[c].observe(field);
                    }
                }
            }
            OptionalLong rows = records.hasNext()
                    ? OptionalLong.of(Math.max(sampled, Math.round(Files.size(file.path()) / Math.max(1.0, (double) sampledBytes / sampled))))
                    : OptionalLong.of(sampled);
            List<ColumnMetadata> columns = new ArrayList<>(names.size());
            for (int c = 0; c < names.size(); c++) {
                JunctionType configured = options.override(table, names.get(c));
                JunctionType type = configured != null ? configured : inference[c].type();
                String sourceType = configured != null ? type + " (configured)" : type + " (inferred)";
                columns.add(new ColumnMetadata(names.get(c), type, true, sourceType));
            }
            return new TableMetadata(schema, table, TableInfo.Kind.TABLE, columns, List.of(), rows);
        } catch (IOException | UncheckedIOException e) {
            throw new JunctionException(ErrorCode.SOURCE_QUERY_FAILED, where + ": cannot read the file: " + e.getMessage(), e);
        } catch (CsvParseException e) {
            throw new JunctionException(ErrorCode.SOURCE_QUERY_FAILED, where + ": malformed CSV: " + e.getMessage()
                    + "; every row needs at most as many fields as the header", e);
        }
    }

    private void checkOverrides(String table, List<String> names, String where) {
        Map<String, JunctionType> configured = options.typeOverrides().get(table);
        if (configured == null) {
            return;
        }
        for (String column : configured.keySet()) {
            if (!names.contains(column)) {
                throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": types." + table + "." + column
                        + " names no column; the header has " + String.join(", ", names));
            }
        }
    }

    /** Size of the record as written, close enough for an estimate (quotes not counted). */
    private static long approximateBytes(CsvRecord record) {
        long bytes = record.getFieldCount();
        for (int c = 0; c < record.getFieldCount(); c++) {
            String f = record.getField(c);
            bytes += f.length() <= 64 && f.chars().allMatch(ch -> ch < 0x80) ? f.length() : f.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }
}
