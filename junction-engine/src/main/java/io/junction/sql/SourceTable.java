package io.junction.sql;

import io.junction.connector.Connector;
import io.junction.connector.TableMetadata;
import io.junction.connector.TableStatistics;
import io.junction.types.ColumnMetadata;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A source's table as Calcite sees it: its row type and statistics, and the connector that reads it. The row
 * count comes from the source's statistics when it keeps them, else from the metadata's estimate; the columns'
 * distinct counts reach Calcite's estimates through {@link ColumnDistinctCounts}.
 */
public final class SourceTable extends AbstractTable {
    private final Connector connector;
    private final TableMetadata metadata;
    /** Read on first use, since planning a query that never asks for estimates should not contact the source. */
    private volatile Optional<TableStatistics> statistics;

    public SourceTable(Connector connector, TableMetadata metadata) {
        this.connector = connector;
        this.metadata = metadata;
    }

    public Connector connector() {
        return connector;
    }

    public TableMetadata metadata() {
        return metadata;
    }

    /** The source's statistics of this table (cached by the connector), empty when it keeps none. */
    public Optional<TableStatistics> statistics() {
        Optional<TableStatistics> s = statistics;
        if (s == null) {
            s = connector.statistics(metadata.schema(), metadata.name());
            statistics = s;
        }
        return s;
    }

    /** {@code source.schema.table}, for messages and EXPLAIN. */
    public String qualifiedName() {
        return connector.name() + "." + metadata.schema() + "." + metadata.name();
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder b = typeFactory.builder();
        for (ColumnMetadata c : metadata.columns()) {
            b.add(c.name(), SqlTypeMapping.toRelType(typeFactory, c.type(), c.nullable()));
        }
        return b.build();
    }

    @Override
    public <C> C unwrap(Class<C> type) {
        if (type == BuiltInMetadata.DistinctRowCount.Handler.class) {
            Optional<TableStatistics> s = statistics();
            if (s.isEmpty() || s.get().columns().isEmpty()) {
                return null;
            }
            List<String> names = metadata.columns().stream().map(ColumnMetadata::name).toList();
            return type.cast(new ColumnDistinctCounts(s.get(), names, primaryKeys()));
        }
        return super.unwrap(type);
    }

    private List<ImmutableBitSet> primaryKeys() {
        List<ImmutableBitSet> keys = new ArrayList<>();
        if (!metadata.primaryKey().isEmpty()) {
            ImmutableBitSet.Builder key = ImmutableBitSet.builder();
            for (String column : metadata.primaryKey()) {
                int i = metadata.columnIndex(column);
                if (i >= 0) {
                    key.set(i);
                }
            }
            keys.add(key.build());
        }
        return List.copyOf(keys);
    }

    @Override
    public Statistic getStatistic() {
        var sourceRows = statistics().map(TableStatistics::rowCount).filter(r -> r.isPresent())
                .orElse(metadata.rowCountEstimate());
        Double rows = sourceRows.isPresent() ? (double) sourceRows.getAsLong() : null;
        List<ImmutableBitSet> uniqueKeys = primaryKeys();
        return new Statistic() {
            @Override
            public Double getRowCount() {
                return rows;
            }

            @Override
            public boolean isKey(ImmutableBitSet columns) {
                return uniqueKeys.stream().anyMatch(columns::contains);
            }

            @Override
            public List<ImmutableBitSet> getKeys() {
                return uniqueKeys;
            }
        };
    }
}
