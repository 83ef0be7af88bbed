package io.junction.connector;

import io.junction.types.JunctionType;

import java.util.List;

/** Work handed to a source: a SQL statement in its dialect, or a plain scan for sources without SQL. */
public sealed interface SourceQuery {
    /** Types of the result columns, in order; the connector converts source values to these. */
    List<JunctionType> outputTypes();

    /** A statement rendered in the source's dialect. */
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
}
