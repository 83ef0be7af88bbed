package io.junction;

import io.junction.connector.ColumnStatistics;
import io.junction.connector.Connector;
import io.junction.connector.TableStatistics;
import io.junction.exec.operator.ValuesOperator;
import io.junction.physical.QueryExecution;
import io.junction.types.JunctionType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ANALYZE source.table} / {@code ANALYZE source.schema.table}: Junction forgets what it cached about the
 * table (metadata and statistics), reads the source's statistics again and returns them, one row for the table
 * (column NULL) and one per column the source keeps statistics for. The source is not asked to re-sample; run
 * its own ANALYZE first for fresh figures. Handled before Calcite, which has no such statement.
 */
final class AnalyzeStatement {
    /** ANALYZE and a dotted name whose parts may be double-quoted; EXPLAIN ANALYZE starts with EXPLAIN, so never matches. */
    private static final Pattern ANALYZE = Pattern.compile("(?is)^\\s*ANALYZE\\s+((?:\"(?:[^\"]|\"\")*\"|[^\\s;\"])+)\\s*;*\\s*$");

    static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("source", JunctionType.VARCHAR, false),
            new ResultColumn("schema", JunctionType.VARCHAR, false),
            new ResultColumn("table", JunctionType.VARCHAR, false),
            new ResultColumn("column", JunctionType.VARCHAR, true),
            new ResultColumn("row_count", JunctionType.BIGINT, true),
            new ResultColumn("distinct_count", JunctionType.BIGINT, true),
            new ResultColumn("null_fraction", JunctionType.DOUBLE, true),
            new ResultColumn("min", JunctionType.VARCHAR, true),
            new ResultColumn("max", JunctionType.VARCHAR, true));

    private AnalyzeStatement() {
    }

    /** The table name of an ANALYZE statement, or empty when the statement is something else. */
    static Optional<String> tableName(String sql) {
        Matcher m = ANALYZE.matcher(sql);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Refreshes the table's cached statistics in its connector and returns them as rows. */
    static QueryResult run(Connector connector, String schema, String table) {
        Optional<TableStatistics> statistics = connector.refreshStatistics(schema, table);
        List<List<Object>> rows = new ArrayList<>();
        Long rowCount = statistics.flatMap(s -> s.rowCount().isPresent() ? Optional.of(s.rowCount().getAsLong()) : Optional.empty())
                .orElse(null);
        rows.add(Arrays.asList(connector.name(), schema, table, null, rowCount, null, null, null, null));
        for (ColumnStatistics c : statistics.map(TableStatistics::columns).orElse(List.of())) {
            rows.add(Arrays.asList(connector.name(), schema, table, c.column(), null,
                    c.distinctCount().isPresent() ? c.distinctCount().getAsLong() : null,
                    c.nullFraction().isPresent() ? c.nullFraction().getAsDouble() : null,
                    c.min().orElse(null), c.max().orElse(null)));
        }
        List<JunctionType> types = COLUMNS.stream().map(ResultColumn::type).toList();
        return new QueryResult(COLUMNS, new ValuesOperator(types, rows), new QueryExecution(), () -> { }, List.of(connector.name()));
    }
}
