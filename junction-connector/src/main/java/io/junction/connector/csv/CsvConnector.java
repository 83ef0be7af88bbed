package io.junction.connector.csv;

import io.junction.connector.Connector;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceDialect;
import io.junction.connector.SourceQuery;
import io.junction.connector.SourceType;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.ColumnMetadata;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

/**
 * A directory of CSV files as a source ({@code type: csv, path: ./data}). Each {@code *.csv} file
 * (extension in any case) is a table named by the file's base name exactly as spelled, in the single
 * schema {@code main}. Column types are inferred from the first rows (see {@link ColumnTypeInference})
 * unless overridden in the catalog (see {@link CsvOptions}).
 *
 * <p>The source cannot run SQL: the planner sends {@link SourceQuery.Scan}s and evaluates everything
 * else itself. Table metadata is cached per file and read again when the file's modification time
 * or size changes.
 */
public final class CsvConnector implements Connector {
    public static final String SCHEMA = "main";
    private static final String EXTENSION = ".csv";

    private final String name;
    private final Path directory;
    private final CsvOptions options;
    private final CsvTableInspector inspector;
    private final ConcurrentMap<String, CachedTable> metadata = new ConcurrentHashMap<>();

    private record CachedTable(FileTime modified, long size, TableMetadata table) {
    }

    public CsvConnector(SourceConfig config) {
        this.name = config.name();
        if (config.path() == null || config.path().isBlank()) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "csv source '" + name
                    + "' needs 'path:', the directory holding its .csv files");
        }
        this.directory = Path.of(config.path());
        this.options = CsvOptions.of(config);
        this.inspector = new CsvTableInspector(name, options);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceType type() {
        return SourceType.CSV;
    }

    @Override
    public String defaultSchema() {
        return SCHEMA;
    }

    @Override
    public List<String> schemaNames() {
        return List.of(SCHEMA);
    }

    @Override
    public List<TableInfo> tables(String schema) {
        if (!SCHEMA.equals(schema)) {
            return List.of();
        }
        List<TableInfo> out = new ArrayList<>();
        for (Path file : csvFiles()) {
            out.add(new TableInfo(SCHEMA, tableName(file), TableInfo.Kind.TABLE));
        }
        return out;
    }

    @Override
    public Optional<TableMetadata> table(String schema, String table) {
        if (!SCHEMA.equals(schema)) {
            return Optional.empty();
        }
        Optional<Path> file = fileOf(table);
        if (file.isEmpty()) {
            metadata.remove(table);
            return Optional.empty();
        }
        Path path = file.get();
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(path);
            size = Files.size(path);
        } catch (IOException e) {
            throw new JunctionException(ErrorCode.SOURCE_QUERY_FAILED, "csv source '" + name + "': cannot read " + path + ": " + e.getMessage(), e);
        }
        CachedTable cached = metadata.compute(table, (key, old) -> old != null && old.modified.equals(modified) && old.size == size
                ? old
                : new CachedTable(modified, size, inspector.inspect(SCHEMA, table, new CsvFile(path, options.delimiter()))));
        return Optional.of(cached.table());
    }

    @Override
    public Optional<SourceDialect> dialect() {
        return Optional.empty();
    }

    @Override
    public BatchStream execute(SourceQuery query) {
        return switch (query) {
            case SourceQuery.Sql sql -> throw JunctionException.internal("csv source '" + name
                    + "' cannot run SQL; the planner must send it scans only, got: " + sql.sql(), null);
            case SourceQuery.Scan scan -> scan(scan);
            case SourceQuery.ParallelScan parallel -> throw JunctionException.internal("csv source '" + name
                    + "' does not split scans; the planner must send it whole scans, got: " + parallel.method(), null);
        };
    }

    private BatchStream scan(SourceQuery.Scan scan) {
        TableMetadata table = scan.table();
        Path path = fileOf(table.name()).orElseThrow(() -> new JunctionException(ErrorCode.UNDEFINED_TABLE,
                "csv source '" + name + "' has no file " + table.name() + EXTENSION + " in " + directory + " any more"));
        String[] columns = new String[scan.columns().length];
        for (int i = 0; i < columns.length; i++) {
            ColumnMetadata column = table.columns().get(scan.columns()[i]);
            columns[i] = column.name();
        }
        if (scan.outputTypes().size() != columns.length) {
            throw JunctionException.internal("scan of " + name + "." + table.name() + " asks for " + columns.length
                    + " columns but gives " + scan.outputTypes().size() + " output types", null);
        }
        return new CsvScan(name, table.name(), new CsvFile(path, options.delimiter()), options, columns, scan.outputTypes(), Batch.DEFAULT_SIZE);
    }

    @Override
    public void checkReachable() {
        requireDirectory();
    }

    @Override
    public void close() {
        metadata.clear();
    }

    private Optional<Path> fileOf(String table) {
        return csvFiles().stream().filter(f -> tableName(f).equals(table)).findFirst();
    }

    private List<Path> csvFiles() {
        requireDirectory();
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION))
                    .filter(f -> tableName(f).length() > 0 && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new JunctionException(ErrorCode.SOURCE_UNREACHABLE, "csv source '" + name + "': cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private void requireDirectory() {
        if (!Files.isDirectory(directory)) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "csv source '" + name + "': path " + directory.toAbsolutePath()
                    + " is not a directory; set 'path:' to the directory holding the .csv files");
        }
    }

    private static String tableName(Path file) {
        String f = file.getFileName().toString();
        return f.substring(0, f.length() - EXTENSION.length());
    }
}
