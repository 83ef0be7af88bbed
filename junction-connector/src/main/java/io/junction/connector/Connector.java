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

    /** Cheap round trip proving the source is reachable and the credentials work. */
    void checkReachable();

    /** The source server's product and version (contacting it), or empty for sources without a server. */
    default Optional<String> serverVersion() {
        return Optional.empty();
    }

    @Override
    void close();
}
