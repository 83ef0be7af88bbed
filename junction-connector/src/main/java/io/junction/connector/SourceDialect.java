package io.junction.connector;

import org.apache.calcite.sql.SqlDialect;

/**
 * How a SQL-capable source is spoken to: the Calcite dialect that renders fragments for it, and
 * which work it may be given. The federation planner consults this; it never builds SQL text itself.
 */
public interface SourceDialect {
    /** Renders relational fragments as this source's SQL (quoting, literals, functions). */
    SqlDialect calciteDialect();

    /** Whether a whole fragment (joins, aggregates, sorts) may be sent, not only scans with filters. */
    default boolean supportsFullQueries() {
        return true;
    }
}
