package io.junction.connector.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values computed from a source, reused for a fixed time so that planning one query (which asks for the
 * same metadata many times) costs one round trip per item. Two threads missing at once may both compute;
 * the cost is a duplicate lookup, never a wrong answer.
 */
final class ExpiringCache<K, V> {
    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(long ttlSeconds) {
        this.ttlNanos = ttlSeconds * 1_000_000_000L;
    }

    V get(K key, Function<K, V> compute) {
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.expiresAtNanos < 0) {
            return entry.value;
        }
        V value = compute.apply(key);
        if (ttlNanos > 0) {
            entries.put(key, new Entry<>(value, now + ttlNanos));
        }
        return value;
    }

    void invalidate(K key) {
        entries.remove(key);
    }

    void clear() {
        entries.clear();
    }
}
