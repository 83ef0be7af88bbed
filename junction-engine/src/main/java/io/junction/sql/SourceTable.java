package io.junction.sql;

import io.junction.connector.Connector;
import io.junction.connector.TableMetadata;
import io.junction.types.ColumnMetadata;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;

/** A source's table as Calcite sees it: its row type and statistics, and the connector that reads it. */
public final class SourceTable extends AbstractTable {
    private final Connector connector;
    private final TableMetadata metadata;

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
    public Statistic getStatistic() {
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
        Double rows = metadata.rowCountEstimate().isPresent() ? (double) metadata.rowCountEstimate().getAsLong() : null;
        List<ImmutableBitSet> uniqueKeys = List.copyOf(keys);
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
