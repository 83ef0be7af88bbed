package io.junction.connector;

/** Creates the connector for a source's settings. */
public final class Connectors {
    private Connectors() {
    }

    /**
     * A connector for {@code config}. Does not contact the source (see {@link Connector}); settings that
     * are wrong on their face (missing url or path) fail here with CONFIG_ERROR naming the source.
     */
    public static Connector create(SourceConfig config) {
        throw new UnsupportedOperationException("connectors not implemented yet: " + config.type());
    }
}
