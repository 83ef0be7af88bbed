package io.junction.connector;

import io.junction.types.ColumnMetadata;

import java.util.List;
import java.util.OptionalLong;

/**
 * What Junction knows of one table or view in a source.
 *
 * @param primaryKey       column names of the primary key, empty when there is none
 * @param rowCountEstimate the source's own estimate, empty when it has none
 */
public record TableMetadata(String schema, String name, TableInfo.Kind kind, List<ColumnMetadata> columns,
                            List<String> primaryKey, OptionalLong rowCountEstimate) {
    public TableMetadata {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }
}
