package io.junction.sql;

import io.junction.connector.ColumnStatistics;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexUtil;

import java.util.OptionalDouble;

/**
 * The fraction of NULLs in a field of a plan node, from the source's statistics of the table column the field
 * comes from unchanged (traced with Calcite's column-origin metadata) or cast: a CAST maps NULL to NULL and a value to
 * a value (or fails), so a join key widened to the other side's type keeps its column's fraction. Filters between
 * the table and the node are not taken into account, so a field filtered with IS NOT NULL still reports its table's
 * fraction.
 */
public final class NullFractions {
    private NullFractions() {
    }

    /** The null fraction of {@code field} of {@code rel}; empty when the field is computed or the source keeps no figure. */
    public static OptionalDouble of(RelNode rel, int field, RelMetadataQuery mq) {
        while (rel instanceof Project project && RexUtil.removeCast(project.getProjects().get(field)) instanceof RexInputRef ref) {
            rel = project.getInput();
            field = ref.getIndex();
        }
        RelColumnOrigin origin = mq.getColumnOrigin(rel, field);
        if (origin == null || origin.isDerived()) {
            return OptionalDouble.empty();
        }
        SourceTable table = origin.getOriginTable().unwrap(SourceTable.class);
        if (table == null) {
            return OptionalDouble.empty();
        }
        return ofColumn(table, origin.getOriginColumnOrdinal());
    }

    static OptionalDouble ofColumn(SourceTable table, int column) {
        String name = table.metadata().columns().get(column).name();
        return table.statistics().flatMap(s -> s.column(name)).map(ColumnStatistics::nullFraction).orElse(OptionalDouble.empty());
    }

    /** The fraction of rows whose value in {@code field} is not NULL: 1 when unknown. */
    public static double nonNull(RelNode rel, int field, RelMetadataQuery mq) {
        return 1 - of(rel, field, mq).orElse(0);
    }
}
