package io.junction.connector;

import io.junction.types.JunctionType;

import java.util.List;

/** Work handed to a source: a SQL statement in its dialect, or a plain scan for sources without SQL. */
public sealed interface SourceQuery {
    /** Types of the result columns, in order; the connector converts source values to these. */
    List<JunctionType> outputTypes();

    /** A statement rendered in the source's dialect, values written inline as literals by the dialect. */
    record Sql(String sql, List<JunctionType> outputTypes) implements SourceQuery {
        public Sql {
            outputTypes = List.copyOf(outputTypes);
        }
    }

    /** Read the given columns (by position in the table's metadata) of one table, in that order. */
    record Scan(TableMetadata table, int[] columns, List<JunctionType> outputTypes) implements SourceQuery {
        public Scan {
            outputTypes = List.copyOf(outputTypes);
        }
    }

    /**
     * One table scan read as several parts over several connections at once; made only by
     * {@link Connector#splitScan} and executed only by the connector that made it. Together the parts return
     * every row of the scan exactly once; batches of different parts arrive interleaved, in no fixed order.
     *
     * @param method     how the table was divided, for EXPLAIN (e.g. {@code ctid page ranges})
     * @param parts      one statement per part, in the source's dialect
     * @param consistent whether all parts read one snapshot of the table (PostgreSQL's exported snapshot); when
     *                   false each part is consistent on its own but rows changed while the parts run may be seen
     *                   by one part and not by another
     * @param workers    most connections the parts run over at once (fewer when the pool has no free connection)
     */
    record ParallelScan(String method, List<String> parts, boolean consistent, int workers, List<JunctionType> outputTypes)
            implements SourceQuery {
        public ParallelScan {
            parts = List.copyOf(parts);
            outputTypes = List.copyOf(outputTypes);
            if (parts.isEmpty() || workers < 1) {
                throw new IllegalArgumentException("a parallel scan needs at least one part and one worker");
            }
        }
    }
}
