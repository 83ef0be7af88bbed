package io.junction.catalog;

import io.junction.connector.Connector;
import io.junction.connector.Connectors;
import io.junction.connector.SourceConfig;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured sources by name. Creating the catalog creates connectors but contacts no source.
 * Source names are matched case-insensitively (they are plain identifiers), kept as configured.
 */
public final class Catalog implements AutoCloseable {
    private final Map<String, Connector> connectors = new LinkedHashMap<>();

    public Catalog(List<SourceConfig> sources) {
        try {
            for (SourceConfig s : sources) {
                if (find(s.name()).isPresent()) {
                    throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + s.name() + "' is configured twice");
                }
                connectors.put(s.name(), Connectors.create(s));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** For tests and embedding: a catalog over connectors built elsewhere. */
    public static Catalog of(List<Connector> connectors) {
        Catalog c = new Catalog(List.of());
        connectors.forEach(c::register);
        return c;
    }

    /** Adds a connector built elsewhere; its name must not clash with a configured source. */
    public void register(Connector connector) {
        if (find(connector.name()).isPresent()) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + connector.name() + "' is configured twice");
        }
        connectors.put(connector.name(), connector);
    }

    public Collection<Connector> connectors() {
        return connectors.values();
    }

    public Optional<Connector> find(String name) {
        Connector exact = connectors.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        return connectors.values().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public Connector get(String name) {
        return find(name).orElseThrow(() -> new JunctionException(ErrorCode.UNDEFINED_SOURCE,
                "no source named '" + name + "'; configured sources: " + String.join(", ", connectors.keySet())));
    }

    @Override
    public void close() {
        for (Connector c : connectors.values()) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closing is best effort: one failing source must not keep the others open
            }
        }
    }
}
