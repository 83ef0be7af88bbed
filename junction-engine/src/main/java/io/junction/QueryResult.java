package io.junction;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.physical.QueryExecution;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The streaming result of a query. Rows are produced as the caller pulls them: nothing is buffered
 * beyond the batch in hand, and closing the result early stops the work in every source.
 * Iterate either by batch ({@link #nextBatch()}) or by row ({@link #iterator()}), not both.
 * Reading happens on the caller's thread; {@link #cancel()} may be called from any other thread.
 */
public final class QueryResult implements AutoCloseable, Iterable<Row> {
    private final List<ResultColumn> columns;
    private final BatchStream stream;
    private final QueryExecution execution;
    private final Runnable onClose;
    private final List<String> sources;
    private boolean closed;
    /** Whether the last batch was read; a result closed before that abandons its statements. */
    private boolean ended;

    QueryResult(List<ResultColumn> columns, BatchStream stream, QueryExecution execution, Runnable onClose, List<String> sources) {
        this.columns = List.copyOf(columns);
        this.sources = List.copyOf(sources);
        this.stream = stream;
        this.execution = execution;
        this.onClose = onClose;
    }

    public List<ResultColumn> columns() {
        return columns;
    }

    /** The next batch, or {@code null} at the end (the result is then closed). */
    public Batch nextBatch() {
        if (closed) {
            return null;
        }
        Batch b;
        try {
            execution.throwIfStopped();
            b = stream.next();
            execution.throwIfStopped();
        } catch (RuntimeException e) {
            close();
            if (execution.isStopped()) {
                // a source failing because it was cancelled reports the cancellation, not its own error
                execution.throwIfStopped();
            }
            throw e instanceof JunctionException je ? je : JunctionException.internal("query failed: " + e, e);
        } catch (OutOfMemoryError e) {
            // the budget's estimates fell short; closing drops this query's rows, so the process carries on
            close();
            throw new JunctionException(ErrorCode.OUT_OF_MEMORY, "the query ran out of Java heap; lower the memory limit "
                    + "(EngineSettings.memoryLimitBytes) so it spills earlier, give the JVM more heap (-Xmx) or add filters");
        }
        if (b == null) {
            ended = true;
            close();
        }
        return b;
    }

    /** Iterates the rows; the {@link Row} handed out is reused, copy values to keep them. */
    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            private final Row row = new Row();
            private Batch batch;
            private int next;

            @Override
            public boolean hasNext() {
                while (batch == null || next >= batch.rowCount()) {
                    batch = nextBatch();
                    next = 0;
                    if (batch == null) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                row.position(batch, next++);
                return row;
            }
        };
    }

    /** Reads the whole result into memory; for tests and small results. */
    public List<List<Object>> toList() {
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : this) {
            rows.add(r.values());
        }
        return rows;
    }

    /**
     * Stops the query from any thread: its source statements are cancelled and the reading thread gets
     * a QUERY_CANCELED error at its next batch. The result must still be closed by its reader.
     */
    public void cancel() {
        execution.stop(QueryExecution.cancelled());
    }

    /** Names of the sources whose tables the query reads, known before any of them is contacted for rows. */
    public List<String> sources() {
        return sources;
    }

    /** The statements sent to sources so far, as sent, with rows returned and time taken. */
    public List<SourceStatementStats> sourceStatements() {
        return execution.statements();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                if (!ended) {
                    execution.abandon();
                }
                stream.close();
            } finally {
                onClose.run();
            }
        }
    }
}
