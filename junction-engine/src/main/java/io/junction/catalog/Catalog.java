package io.junction.catalog;

import io.junction.connector.Connector;
import io.junction.connector.Connectors;
import io.junction.connector.SourceConfig;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured sources by name. Creating the catalog creates connectors but contacts no source.
 * Source names are matched case-insensitively (they are plain identifiers), kept as configured.
 *
 * <p>The catalog may change while queries run: sources can be added, replaced and removed from any thread.
 * A query works on a {@link Snapshot}, which keeps the connectors it names open until it is closed; a
 * connector that is removed or replaced is closed as soon as no snapshot uses it any more (at once when
 * none does). Besides its name a source may have aliases, further names it is found by (in SQL too).
 */
public final class Catalog implements AutoCloseable {
    /** One source: its connector, its extra names, and how many snapshots use it. */
    private static final class Entry {
        final Connector connector;
        final List<String> aliases;
        int users;
        boolean retired;

        Entry(Connector connector, List<String> aliases) {
            this.connector = connector;
            this.aliases = List.copyOf(aliases);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Entries removed or replaced while a snapshot still used them; closed when the last one is released. */
    private final Map<Connector, Entry> retiredInUse = new IdentityHashMap<>();
    private boolean closed;

    public Catalog(List<SourceConfig> sources) {
        try {
            for (SourceConfig s : sources) {
                add(s, List.of());
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

    /** Adds a connector built elsewhere (an embedding application's own); its name must not be taken. */
    public synchronized void register(Connector connector) {
        requireOpen();
        if (nameTaken(connector.name(), null)) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + connector.name() + "' is configured twice");
        }
        entries.put(connector.name(), new Entry(connector, List.of()));
    }

    /**
     * Adds a source, also found under {@code aliases}. Fails with CONFIG_ERROR when its name or an alias is
     * already a source's name or alias (compared case-insensitively).
     */
    public synchronized void add(SourceConfig config, Collection<String> aliases) {
        requireOpen();
        List<String> names = new ArrayList<>();
        names.add(config.name());
        names.addAll(aliases);
        for (String n : names) {
            if (nameTaken(n, null)) {
                throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + n + "' is configured twice");
            }
        }
        entries.put(config.name(), new Entry(Connectors.create(config), List.copyOf(aliases)));
    }

    /**
     * Replaces source {@code name} by a new connector for {@code config} (which may carry a new name) and
     * keeps its aliases. Queries already running keep the old connector until they finish.
     */
    public synchronized void replace(String name, SourceConfig config) {
        requireOpen();
        Entry old = entryOf(name);
        if (!old.connector.name().equalsIgnoreCase(config.name()) && nameTaken(config.name(), old)) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + config.name() + "' is configured twice");
        }
        Connector replacement = Connectors.create(config);
        Map<String, Entry> rebuilt = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getValue() == old) {
                rebuilt.put(config.name(), new Entry(replacement, old.aliases));
            } else {
                rebuilt.put(e.getKey(), e.getValue());
            }
        }
        entries.clear();
        entries.putAll(rebuilt);
        retire(old);
    }

    /** Removes source {@code name}; queries already running keep its connector until they finish. */
    public synchronized void remove(String name) {
        requireOpen();
        Entry old = entryOf(name);
        entries.values().remove(old);
        retire(old);
    }

    private Entry entryOf(String name) {
        return findEntry(name).orElseThrow(() -> undefined(name));
    }

    private boolean nameTaken(String name, Entry except) {
        for (Entry e : entries.values()) {
            if (e == except) {
                continue;
            }
            if (e.connector.name().equalsIgnoreCase(name) || e.aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
                return true;
            }
        }
        return false;
    }

    private void retire(Entry e) {
        e.retired = true;
        if (e.users == 0) {
            closeQuietly(e.connector);
        } else {
            retiredInUse.put(e.connector, e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new JunctionException(ErrorCode.INTERNAL_ERROR, "the catalog is closed");
        }
    }

    /** The current sources, in the order they were added. */
    public synchronized List<Connector> connectors() {
        return entries.values().stream().map(e -> e.connector).toList();
    }

    public synchronized Optional<Connector> find(String name) {
        return findEntry(name).map(e -> e.connector);
    }

    /** By name exactly, else by name or alias ignoring case. */
    private Optional<Entry> findEntry(String name) {
        Entry exact = entries.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        return entries.values().stream()
                .filter(e -> e.connector.name().equalsIgnoreCase(name) || e.aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name)))
                .findFirst();
    }

    public Connector get(String name) {
        return find(name).orElseThrow(() -> undefined(name));
    }

    private JunctionException undefined(String name) {
        return new JunctionException(ErrorCode.UNDEFINED_SOURCE,
                "no source named '" + name + "'; configured sources: " + String.join(", ", entries.keySet()));
    }

    /**
     * The sources as they are now, each connector kept open until the snapshot is closed even when the
     * source is removed or replaced meanwhile.
     */
    public synchronized Snapshot snapshot() {
        requireOpen();
        Map<String, Connector> names = new LinkedHashMap<>();
        List<Entry> used = new ArrayList<>();
        for (Entry e : entries.values()) {
            names.put(e.connector.name(), e.connector);
            for (String alias : e.aliases) {
                names.put(alias, e.connector);
            }
            e.users++;
            used.add(e);
        }
        return new Snapshot(names, used);
    }

    private synchronized Snapshot narrow(Snapshot of, Set<Connector> keep) {
        Map<String, Connector> names = new LinkedHashMap<>();
        of.names.forEach((n, c) -> {
            if (keep.contains(c)) {
                names.put(n, c);
            }
        });
        List<Entry> used = new ArrayList<>();
        for (Entry e : of.used) {
            if (keep.contains(e.connector)) {
                e.users++;
                used.add(e);
            }
        }
        return new Snapshot(names, used);
    }

    private synchronized void release(List<Entry> used) {
        for (Entry e : used) {
            e.users--;
            if (e.users == 0 && e.retired && retiredInUse.remove(e.connector) != null) {
                closeQuietly(e.connector);
            }
        }
    }

    /** A consistent view of the sources that keeps their connectors open until closed. */
    public final class Snapshot implements AutoCloseable {
        private final Map<String, Connector> names;
        private final List<Entry> used;
        private boolean released;

        private Snapshot(Map<String, Connector> names, List<Entry> used) {
            this.names = names;
            this.used = used;
        }

        /** Every name a source is found by (names and aliases), with its connector. */
        public Map<String, Connector> namedConnectors() {
            return java.util.Collections.unmodifiableMap(names);
        }

        /** A snapshot of just {@code connectors} (which must be in this one), independent of this one. */
        public Snapshot narrow(Set<Connector> connectors) {
            return Catalog.this.narrow(this, connectors);
        }

        @Override
        public void close() {
            synchronized (Catalog.this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(used);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Entry e : entries.values()) {
            closeQuietly(e.connector);
        }
        for (Connector c : retiredInUse.keySet()) {
            closeQuietly(c);
        }
        retiredInUse.clear();
    }

    private static void closeQuietly(Connector c) {
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // closing is best effort: one failing source must not keep the others open
        }
    }
}
