package io.junction.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.Junction;
import io.junction.connector.SourceConfig;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connections the API serves: those of the YAML catalog (read-only) and those made over the API,
 * which are persisted in the {@link ConnectionStore} and registered in the engine under their name with
 * their id as an alias. Changes are serialized; each is applied to the engine first and then stored, and
 * undone in the engine when storing fails, so engine, store and this list agree.
 */
final class ConnectionRegistry {
    private final Junction junction;
    private final ConnectionStore store;
    private final Map<String, RegisteredConnection> byId = new LinkedHashMap<>();

    /** Registers the catalog's sources (already in {@code junction}) and adds the stored connections to the engine. */
    ConnectionRegistry(Junction junction, List<SourceConfig> catalogSources, ConnectionStore store) {
        this.junction = junction;
        this.store = store;
        for (SourceConfig s : catalogSources) {
            CatalogConnection c = CatalogConnection.of(s);
            byId.put(c.id(), c);
        }
        for (ApiConnection c : store.load()) {
            if (findByName(c.name()).isPresent()) {
                throw new IllegalStateException("stored connection '" + c.name() + "' has the name of a catalog source; "
                        + "rename one of them (" + store.file() + ")");
            }
            junction.addSource(c.toSourceConfig(), List.of(c.id()));
            byId.put(c.id(), c);
        }
    }

    synchronized List<RegisteredConnection> list() {
        return List.copyOf(byId.values());
    }

    /** By id, else by name (case-insensitively, as SQL names it). */
    synchronized Optional<RegisteredConnection> find(String idOrName) {
        RegisteredConnection c = byId.get(idOrName);
        return c != null ? Optional.of(c) : findByName(idOrName);
    }

    private Optional<RegisteredConnection> findByName(String name) {
        return byId.values().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The connection, or 404 naming {@code field}. */
    RegisteredConnection resolve(String idOrName, String field) {
        return find(idOrName).orElseThrow(() -> ApiException.notFound(field, "no connection with id or name '" + idOrName
                + "'; GET /api/connections lists them"));
    }

    /** Adds a connection made over the API. */
    synchronized ApiConnection create(JsonNode body) {
        ApiConnection c = ConnectionRequest.create(body);
        requireNameFree(c.name(), null);
        addToEngine(c);
        try {
            byId.put(c.id(), c);
            store.save(apiConnections());
        } catch (RuntimeException e) {
            byId.remove(c.id());
            junction.removeSource(c.name());
            throw e;
        }
        return c;
    }

    synchronized ApiConnection update(String idOrName, JsonNode body) {
        ApiConnection current = editable(idOrName);
        ApiConnection changed = ConnectionRequest.patch(current, body);
        requireNameFree(changed.name(), current);
        try {
            junction.replaceSource(current.name(), changed.toSourceConfig());
        } catch (JunctionException e) {
            throw asValidation(e);
        }
        try {
            byId.put(changed.id(), changed);
            store.save(apiConnections());
        } catch (RuntimeException e) {
            byId.put(current.id(), current);
            junction.replaceSource(changed.name(), current.toSourceConfig());
            throw e;
        }
        return changed;
    }

    synchronized void delete(String idOrName) {
        ApiConnection current = editable(idOrName);
        junction.removeSource(current.name());
        byId.remove(current.id());
        try {
            store.save(apiConnections());
        } catch (RuntimeException e) {
            byId.put(current.id(), current);
            junction.addSource(current.toSourceConfig(), List.of(current.id()));
            throw e;
        }
    }

    /** The connection whose engine source is named {@code sourceName}. */
    Optional<RegisteredConnection> bySourceName(String sourceName) {
        return find(sourceName);
    }

    private ApiConnection editable(String idOrName) {
        RegisteredConnection c = resolve(idOrName, "id");
        if (c instanceof ApiConnection api) {
            return api;
        }
        throw new ApiException(409, "read_only", "connection '" + c.name() + "' comes from the catalog file and is read-only; "
                + "change it there", "id");
    }

    private void requireNameFree(String name, RegisteredConnection except) {
        Optional<RegisteredConnection> other = findByName(name);
        if (other.isPresent() && other.get() != except) {
            throw new ApiException(409, "name_taken", "a connection named '" + other.get().name() + "' exists already (id "
                    + other.get().id() + "); choose another name", "name");
        }
    }

    private void addToEngine(ApiConnection c) {
        try {
            junction.addSource(c.toSourceConfig(), List.of(c.id()));
        } catch (JunctionException e) {
            throw asValidation(e);
        }
    }

    /** The connector refused the settings (e.g. an option with a wrong value). */
    private static RuntimeException asValidation(JunctionException e) {
        if (e.code() == ErrorCode.CONFIG_ERROR) {
            return ApiException.invalid("options", e.getMessage());
        }
        return e;
    }

    private List<ApiConnection> apiConnections() {
        List<ApiConnection> out = new ArrayList<>();
        for (RegisteredConnection c : byId.values()) {
            if (c instanceof ApiConnection api) {
                out.add(api);
            }
        }
        return out;
    }
}
