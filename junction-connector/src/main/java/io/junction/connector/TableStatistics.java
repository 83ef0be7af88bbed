package io.junction.connector;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A source's statistics of one table: its row count and what it knows of some of its columns (columns the source
 * keeps nothing for are absent). Used for estimates only, never for answers.
 *
 * @param rowCount the source's row count or estimate of it; empty when it has none
 */
public record TableStatistics(String schema, String table, OptionalLong rowCount, List<ColumnStatistics> columns) {
    public TableStatistics {
        columns = List.copyOf(columns);
    }

    public Optional<ColumnStatistics> column(String name) {
        return columns.stream().filter(c -> c.column().equals(name)).findFirst();
    }
}
