package io.junction.connector;

import io.junction.types.ColumnMetadata;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** Reads a connector's result into plain rows for assertions; byte arrays become hex text so rows compare by value. */
public final class ResultRows {
    private ResultRows() {
    }

    public static List<List<Object>> readAll(BatchStream stream) {
        List<List<Object>> rows = new ArrayList<>();
        try (stream) {
            for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
                for (int r = 0; r < batch.rowCount(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (Object value : batch.row(r)) {
                        row.add(value instanceof byte[] bytes ? "0x" + HexFormat.of().formatHex(bytes) : value);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Every mapped column of {@code table}, rows ordered by their first column (an integer id). */
    public static List<List<Object>> scanMapped(Connector connector, TableMetadata table) {
        List<Integer> positions = new ArrayList<>();
        List<JunctionType> types = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnMetadata column = table.columns().get(i);
            if (column.isMapped()) {
                positions.add(i);
                types.add(column.type());
            }
        }
        int[] columns = positions.stream().mapToInt(Integer::intValue).toArray();
        List<List<Object>> rows = readAll(connector.execute(new SourceQuery.Scan(table, columns, types)));
        rows.sort(Comparator.comparing(row -> ((Number) row.getFirst()).longValue()));
        return rows;
    }

    /** The mapped columns' types of {@code table}, in order. */
    public static List<JunctionType> mappedTypes(TableMetadata table) {
        return table.columns().stream().filter(ColumnMetadata::isMapped).map(ColumnMetadata::type).toList();
    }

    /** The mapped columns' names of {@code table}, in order. */
    public static List<String> mappedNames(TableMetadata table) {
        return table.columns().stream().filter(ColumnMetadata::isMapped).map(ColumnMetadata::name).toList();
    }
}
