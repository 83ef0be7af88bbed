package io.junction;

import io.junction.catalog.Catalog;
import io.junction.connector.TableMetadata;

/** Parses, plans and runs queries against a catalog. */
final class QueryEngine {
    private final Catalog catalog;
    private final EngineSettings settings;

    QueryEngine(Catalog catalog, EngineSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    EngineSettings settings() {
        return settings;
    }

    QueryResult query(String sql) {
        throw new UnsupportedOperationException("not yet");
    }

    String explain(String sql) {
        throw new UnsupportedOperationException("not yet");
    }

    TableMetadata resolveTable(String qualifiedName) {
        throw new UnsupportedOperationException("not yet");
    }
}
