package io.junction.federation;

import io.junction.connector.Connector;
import io.junction.connector.SourceQuery;
import org.apache.calcite.rel.RelNode;

/**
 * The part of a plan one source executes: the subtree it replaces, and the work handed to the source
 * (a statement in its dialect, or a plain scan for sources without SQL).
 */
public record SourceFragment(Connector connector, SourceQuery query, RelNode subtree) {
    /** What the source is asked to do, as shown by EXPLAIN. */
    public String describeWork() {
        return switch (query) {
            case SourceQuery.Sql sql -> sql.sql();
            case SourceQuery.Scan scan -> {
                StringBuilder b = new StringBuilder("scan ").append(scan.table().schema()).append('.').append(scan.table().name()).append(" columns [");
                for (int i = 0; i < scan.columns().length; i++) {
                    b.append(i == 0 ? "" : ", ").append(scan.table().columns().get(scan.columns()[i]).name());
                }
                yield b.append(']').toString();
            }
            case SourceQuery.ParallelScan parallel -> parallel.method() + " ×" + parallel.parts().size()
                    + (parallel.consistent() ? " (one snapshot)" : "") + ": " + String.join("; ", parallel.parts());
        };
    }
}
