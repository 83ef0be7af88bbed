package io.junction.connector.jdbc;

import io.junction.connector.SourceQuery;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The merged rows of a {@link SourceQuery.ParallelScan}.
 *
 * <p>Algorithm: at the first {@link #next()} the stream takes one connection (waiting like any query), begins
 * the shared snapshot on it where the source has one, then takes up to {@code workers - 1} more connections that
 * are free at once and joins each to the snapshot before any part runs (the exported snapshot lives only while
 * the first transaction is open and nothing has been read yet). One virtual thread per connection then takes
 * parts from a shared counter, so a fast connection reads more parts, and puts each batch into one bounded
 * queue that {@link #next()} takes from. Memory is bounded by the queue plus one batch per worker.
 *
 * <p>A failing part fails the whole stream: the first failure is kept, the other parts are closed (which cancels
 * their statements) and {@link #next()} throws it. {@link #close()}, also from another thread, closes the parts
 * being read and returns once every worker has given its connection back.
 */
final class ParallelScanStream implements BatchStream {
    private static final long FREE_CONNECTION_WAIT_MILLIS = 20;
    private static final long POLL_MILLIS = 50;
    private static final long WORKER_EXIT_WAIT_SECONDS = 30;
    private static final Object END = new Object();

    private final JdbcConnector connector;
    private final SourceQuery.ParallelScan scan;
    private final AtomicInteger nextPart = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final List<Worker> workers = new ArrayList<>();
    private BlockingQueue<Object> queue;
    private AtomicInteger running;
    private boolean started;
    private boolean ended;
    private volatile boolean stopping;

    ParallelScanStream(JdbcConnector connector, SourceQuery.ParallelScan scan) {
        this.connector = connector;
        this.scan = scan;
    }

    @Override
    public synchronized Batch next() {
        if (ended) {
            return null;
        }
        if (stopping) {
            throw failureOrCanceled();
        }
        if (!started) {
            started = true;
            start();
        }
        try {
            while (true) {
                RuntimeException failed = failure.get();
                if (failed != null) {
                    ended = true;
                    close();
                    throw failed;
                }
                Object item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (item == END) {
                    ended = true;
                    RuntimeException late = failure.get();
                    if (late != null) {
                        throw late;
                    }
                    return null;
                }
                if (item != null) {
                    return (Batch) item;
                }
                if (stopping) {
                    throw failureOrCanceled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw canceled();
        }
    }

    private void start() {
        int wanted = Math.min(scan.workers(), Math.min(scan.parts().size(), connector.concurrentStatements()));
        List<Connection> connections = new ArrayList<>();
        try {
            Connection first = connector.connect();
            connections.add(first);
            String snapshot = scan.consistent() ? connector.beginSharedSnapshot(first) : null;
            while (connections.size() < wanted) {
                Connection more = connector.tryConnect(FREE_CONNECTION_WAIT_MILLIS);
                if (more == null) {
                    break;
                }
                connections.add(more);
                if (snapshot != null) {
                    connector.joinSharedSnapshot(more, snapshot);
                }
            }
        } catch (SQLException e) {
            connections.forEach(c -> JdbcConnector.releaseAfterFailure(c, null));
            throw connector.failures().queryFailure(e, "(setting up a parallel scan: " + scan.method() + ")");
        } catch (RuntimeException e) {
            connections.forEach(c -> JdbcConnector.releaseAfterFailure(c, null));
            throw e;
        }
        queue = new ArrayBlockingQueue<>(Math.max(4, 2 * connections.size()));
        running = new AtomicInteger(connections.size());
        synchronized (workers) {
            for (Connection connection : connections) {
                workers.add(new Worker(connection));
            }
            // Threads start only once the list is complete: a failing worker closes the others' parts through it.
            for (Worker worker : workers) {
                worker.thread = Thread.ofVirtual().name("junction-" + connector.name() + "-part").start(worker::run);
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        List<Worker> current;
        synchronized (workers) {
            current = List.copyOf(workers);
        }
        for (Worker worker : current) {
            BatchStream part = worker.part;
            if (part != null) {
                part.close();
            }
        }
        for (Worker worker : current) {
            try {
                if (worker.thread != null && !worker.thread.join(java.time.Duration.ofSeconds(WORKER_EXIT_WAIT_SECONDS))) {
                    failure.compareAndSet(null, new JunctionException(ErrorCode.INTERNAL_ERROR, connector.failures().prefix()
                            + ": a part of a parallel scan did not stop within " + WORKER_EXIT_WAIT_SECONDS + " s"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (queue != null) {
            queue.clear();
        }
    }

    private RuntimeException failureOrCanceled() {
        RuntimeException failed = failure.get();
        return failed != null ? failed : canceled();
    }

    private JunctionException canceled() {
        return new JunctionException(ErrorCode.QUERY_CANCELED, connector.failures().prefix()
                + ": reading was stopped because the query was closed");
    }

    /** One connection of the scan and the thread that reads parts over it. */
    private final class Worker {
        private final Connection connection;
        private volatile BatchStream part;
        private volatile Thread thread;

        Worker(Connection connection) {
            this.connection = connection;
        }

        void run() {
            try {
                for (int index = nextPart.getAndIncrement(); index < scan.parts().size() && !stopping; index = nextPart.getAndIncrement()) {
                    String sql = scan.parts().get(index);
                    BatchStream stream;
                    try {
                        stream = connector.streamPart(connection, sql, scan.outputTypes());
                    } catch (SQLException e) {
                        throw connector.failures().queryFailure(e, sql);
                    }
                    part = stream;
                    try (stream) {
                        if (stopping) {
                            break;
                        }
                        for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
                            if (!offer(batch)) {
                                break;
                            }
                        }
                    } finally {
                        part = null;
                    }
                }
            } catch (RuntimeException | Error e) {
                if (!stopping) {
                    failure.compareAndSet(null, e instanceof RuntimeException r ? r
                            : new JunctionException(ErrorCode.INTERNAL_ERROR, connector.failures().prefix() + ": a part of a parallel scan failed: " + e, e));
                    stopOthers();
                }
            } finally {
                JdbcConnector.releaseAfterFailure(connection, null);
                if (running.decrementAndGet() == 0) {
                    offer(END);
                }
            }
        }

        /** Waits for room in the queue; false when the stream stopped meanwhile. */
        private boolean offer(Object item) {
            try {
                while (!stopping) {
                    if (queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        private void stopOthers() {
            stopping = true;
            for (Worker other : workers) {
                BatchStream otherPart = other.part;
                if (other != this && otherPart != null) {
                    otherPart.close();
                }
            }
        }
    }
}
