package io.junction.server;

import io.junction.connector.SourceType;

import java.util.Map;

/**
 * A connection the API knows: made over the API ({@link ApiConnection}, editable and persisted) or
 * configured in the YAML catalog ({@link CatalogConnection}, read-only). In SQL it is named by its
 * name or by its id (quoted, since ids contain hyphens).
 */
public sealed interface RegisteredConnection permits ApiConnection, CatalogConnection {
    String id();

    /** Its name, which is also the source's name in the engine. */
    String name();

    SourceType type();

    boolean readOnly();

    /** The connection as the API shows it: every setting but secrets. */
    Map<String, Object> describe();
}
