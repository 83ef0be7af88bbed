package io.junction.connector;

import io.junction.connector.csv.CsvConnector;
import io.junction.connector.duckdb.DuckDbConnector;
import io.junction.connector.mysql.MysqlConnector;
import io.junction.connector.postgres.PostgresConnector;
import io.junction.connector.sqlite.SqliteConnector;

/** Creates the connector for a source's settings. */
public final class Connectors {
    private Connectors() {
    }

    /**
     * A connector for {@code config}. Does not contact the source (see {@link Connector}); settings that
     * are wrong on their face (missing url or path) fail here with CONFIG_ERROR naming the source.
     */
    public static Connector create(SourceConfig config) {
        return switch (config.type()) {
            case POSTGRESQL -> new PostgresConnector(config);
            case MYSQL -> new MysqlConnector(config);
            case SQLITE -> new SqliteConnector(config);
            case DUCKDB -> new DuckDbConnector(config);
            case CSV -> new CsvConnector(config);
        };
    }
}
