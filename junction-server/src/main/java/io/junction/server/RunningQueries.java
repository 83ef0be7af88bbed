package io.junction.server;

import io.junction.QueryResult;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The queries the server is running, so that shutting down can cancel them. Once shutdown has begun no
 * new query starts (503), and one that started concurrently is cancelled at once.
 */
final class RunningQueries {
    private final Set<QueryResult> running = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    /** Starts a query and tracks it until {@link #finished}. */
    QueryResult start(Supplier<QueryResult> query) {
        requireOpen();
        QueryResult result = query.get();
        running.add(result);
        if (shuttingDown) {
            result.cancel();
        }
        return result;
    }

    void requireOpen() {
        if (shuttingDown) {
            throw new ApiException(503, "shutting_down", "the server is shutting down; retry on another instance or later", null);
        }
    }

    void finished(QueryResult result) {
        running.remove(result);
    }

    int count() {
        return running.size();
    }

    /** Refuses new queries and cancels the running ones (their source statements are cancelled). */
    void cancelAll() {
        shuttingDown = true;
        for (QueryResult r : running) {
            r.cancel();
        }
    }
}
