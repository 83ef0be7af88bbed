package io.junction.physical;

import io.junction.PlannedStatement;
import io.junction.SourceStatementStats;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.federation.SourceFragment;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import io.junction.vector.PayloadBytes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running state of one query: the statements it has opened in sources and whether it has been
 * stopped. {@link #stop} may be called from any thread (a user cancelling, a timeout firing); it
 * closes every open source statement, which makes the sources cancel their work, and from then on
 * the query's thread sees the stop reason instead of its next batch.
 */
public final class QueryExecution {
    private final AtomicReference<JunctionException> stopReason = new AtomicReference<>();
    private final List<TrackedStatement> statements = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<SourceFragment> plannedFragments = new CopyOnWriteArrayList<>();

    /** Records a fragment the plan will send to its source when the query runs. */
    void planned(SourceFragment fragment) {
        plannedFragments.add(fragment);
    }

    /** The statements the plan sends to sources, as they will be sent, in plan order. */
    public List<PlannedStatement> plannedStatements() {
        return plannedFragments.stream()
                .map(f -> new PlannedStatement(f.connector().name(), f.connector().type(), f.describeWork()))
                .toList();
    }

    /** Starts a fragment's work in its source; the stream is tracked for cancellation and statistics. */
    BatchStream open(SourceFragment fragment) {
        throwIfStopped();
        TrackedStatement statement = new TrackedStatement(fragment);
        statements.add(statement);
        statement.start();
        if (stopReason.get() != null) {
            statement.close();
            throwIfStopped();
        }
        return statement;
    }

    /**
     * Closes every source statement of a query whose reader has let go of it before its end (closed it early, or
     * it failed): a statement read on another thread (an input read ahead) then ends at once instead of running to
     * its end before its reader can be closed. What such a closed statement still returns is never read.
     */
    public void abandon() {
        for (TrackedStatement s : statements) {
            s.close();
        }
    }

    /** Stops the query (first reason wins) and closes its source statements. Thread-safe, idempotent. */
    public void stop(JunctionException reason) {
        if (stopReason.compareAndSet(null, reason)) {
            abandon();
        }
    }

    public boolean isStopped() {
        return stopReason.get() != null;
    }

    /** Throws the stop reason if the query was stopped; called by the query's own thread. */
    public void throwIfStopped() {
        JunctionException reason = stopReason.get();
        if (reason != null) {
            throw new JunctionException(reason.code(), reason.getMessage(), reason);
        }
    }

    public static JunctionException cancelled() {
        return new JunctionException(ErrorCode.QUERY_CANCELED, "the query was cancelled");
    }

    public static JunctionException timedOut(Duration timeout) {
        return new JunctionException(ErrorCode.QUERY_TIMEOUT, "the query ran longer than its timeout of "
                + timeout.toMillis() + " ms and was cancelled; raise the timeout or make the query cheaper");
    }

    /** Notes what the engine did differently from the plan (a fallback, a spill), for EXPLAIN ANALYZE. */
    public void recordEvent(String event) {
        events.add(event);
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    /** Statements sent to sources so far, in the order they were started. */
    public List<SourceStatementStats> statements() {
        return statements.stream().map(TrackedStatement::stats).toList();
    }

    /** A source stream that counts what it returns and can be closed from another thread. */
    private static final class TrackedStatement implements BatchStream {
        private final SourceFragment fragment;
        private volatile BatchStream stream;
        private volatile boolean closed;
        private volatile long rows;
        private volatile long batches;
        private volatile long bytes;
        private volatile long startNanos;
        private volatile long endNanos;

        TrackedStatement(SourceFragment fragment) {
            this.fragment = fragment;
        }

        void start() {
            startNanos = System.nanoTime();
            stream = fragment.connector().execute(fragment.query());
            if (closed) {
                stream.close();
            }
        }

        @Override
        public Batch next() {
            BatchStream s = stream;
            Batch b = closed || s == null ? null : s.next();
            if (b == null) {
                finish();
            } else {
                rows += b.rowCount();
                batches++;
                bytes += PayloadBytes.of(b);
            }
            return b;
        }

        private void finish() {
            if (endNanos == 0) {
                endNanos = System.nanoTime();
            }
        }

        @Override
        public void close() {
            closed = true;
            finish();
            BatchStream s = stream;
            if (s != null) {
                s.close();
            }
        }

        SourceStatementStats stats() {
            long end = endNanos == 0 ? System.nanoTime() : endNanos;
            return new SourceStatementStats(fragment.connector().name(), fragment.connector().type(), fragment.describeWork(),
                    rows, batches, bytes, Duration.ofNanos(Math.max(0, end - startNanos)), endNanos != 0, fragment.query());
        }
    }
}
