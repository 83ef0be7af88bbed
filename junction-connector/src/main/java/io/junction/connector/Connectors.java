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
        // Temporary, from the cli branch so CSV sources work end to end; the JDBC connector branch owns this method.
        if (config.type() == SourceType.CSV) {
            return new io.junction.connector.csv.CsvConnector(config);
        }
        throw new UnsupportedOperationException("connectors not implemented yet: " + config.type());
    }
}
