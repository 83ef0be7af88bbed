package io.junction.connector.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One CSV file of a source: how it is opened (RFC 4180, UTF-8 with an optional byte order mark,
 * blank lines skipped, short rows padded with NULLs) and how its header becomes column names.
 */
record CsvFile(Path path, char delimiter) {
    CsvReader<CsvRecord> open() throws IOException {
        return CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .detectBomHeader(true)
                .allowMissingFields(true)
                .allowExtraFields(false)
                .ofCsvRecord(path, StandardCharsets.UTF_8);
    }

    /**
     * Column names from a header record: names are kept as written (trimmed); an empty name becomes
     * {@code column_N} (1-based) and a repeated name gets a suffix {@code _2}, {@code _3}, … so that
     * every column can be referred to.
     */
    static List<String> columnNames(CsvRecord header) {
        List<String> names = new ArrayList<>(header.getFieldCount());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.getFieldCount(); i++) {
            String name = header.getField(i).strip();
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            String unique = name;
            for (int n = 2; !seen.add(unique); n++) {
                unique = name + "_" + n;
            }
            names.add(unique);
        }
        return names;
    }
}
