package io.junction.connector;

import io.junction.vector.BatchStream;

import java.util.List;
import java.util.Optional;

/**
 * One configured source: its metadata and a way to run work in it.
 *
 * <p>Contract:
 * <ul>
 *   <li>Construction never contacts the source; the first metadata call or query does, so one
 *       unreachable source cannot stop queries that do not touch it.</li>
 *   <li>Failures surface as {@link io.junction.error.JunctionException} with a SOURCE_* code whose
 *       message names the source.</li>
 *   <li>Implementations are thread-safe: queries run concurrently against one connector.</li>
 * </ul>
 */
public interface Connector extends AutoCloseable {
    /** The source's name, which is its qualifier in SQL. */
    String name();

    SourceType type();

    /** The schema that a two-part name {@code source.table} resolves in. */
    String defaultSchema();

    /** Names of the schemas a user may query, as the source spells them. */
    List<String> schemaNames();

    /** Tables and views of one schema (names and kinds only; cheap). */
    List<TableInfo> tables(String schema);

    /** Full metadata of one table or view, or empty when there is no such table. Names are exact. */
    Optional<TableMetadata> table(String schema, String table);

    /** How this source renders SQL and what it can evaluate; empty for sources that cannot run SQL. */
    Optional<SourceDialect> dialect();

    /**
     * Prepares work in the source and streams its result. The work may start here or at the stream's
     * first {@code next()}, so errors in the statement surface at either. Closing the stream, also from
     * another thread and also before the first rows arrived, stops the work in the source (statement
     * cancelled, file closed).
     */
    BatchStream execute(SourceQuery query);

    /**
     * How many statements of one query may be open in this source at once without one waiting for another to
     * end (a JDBC source's connection pool size). A query starts statements early only within this.
     */
    default int concurrentStatements() {
        return 1;
    }

    /**
     * Divides a scan of one table, optionally filtered, into {@code parts} statements that the source runs over
     * several connections at once; {@link #execute} of the result streams their rows merged. Empty when this
     * source cannot divide the table (not a plain table, no way to range it) or the table is too small for the
     * division to pay (one part would be under a few megabytes).
     *
     * <p>Contract: the split returns exactly the multiset of rows of the single scan {@code SELECT columns FROM
     * table WHERE filter}; it never changes which rows pass. Whether it is faster than one statement is the
     * caller's choice: a selective filter that an index could serve is usually better as one statement, because
     * each part reads its whole range of the table. {@link SourceQuery.ParallelScan#consistent} says whether the
     * parts share one snapshot.
     *
     * @param scan   the table and the columns to read, with their output types
     * @param filter a boolean condition over the table's columns in this source's dialect (rendered by the
     *               dialect's unparser, literals inline, no parameters), or null for every row
     * @param parts  how many parts to divide into (at least 2); the connector may choose fewer
     */
    default Optional<SourceQuery.ParallelScan> splitScan(SourceQuery.Scan scan, String filter, int parts) {
        return Optional.empty();
    }

    /**
     * The source's statistics of one table (row count; per column distinct count, null fraction, min/max), read
     * from the source's own catalog and reused for a few minutes. Empty when the source keeps none or there is no
     * such table; never scans a large table to compute them. Names are exact.
     */
    default Optional<TableStatistics> statistics(String schema, String table) {
        return Optional.empty();
    }

    /**
     * Forgets what this connector cached about one table (metadata and statistics) and reads its statistics
     * again, as {@code ANALYZE source.table} asks. It does not make the source itself re-sample the table.
     */
    default Optional<TableStatistics> refreshStatistics(String schema, String table) {
        return statistics(schema, table);
    }

    /** Cheap round trip proving the source is reachable and the credentials work. */
    void checkReachable();

    /** The source server's product and version (contacting it), or empty for sources without a server. */
    default Optional<String> serverVersion() {
        return Optional.empty();
    }

    @Override
    void close();
}
