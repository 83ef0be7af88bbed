package io.junction.cli.bench;

import io.junction.Junction;
import io.junction.SourceStatementStats;
import io.junction.connector.Connector;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The transfer floor of a query: how long it takes just to stream what Junction's source statements
 * returned, with no query processing after it. The exact statements of a Junction run (parameters
 * included) are sent again through the same connectors, all at once as Junction starts them, and
 * their batches are read and dropped; the floor is the wall time until the last one ends. Bind-join
 * statements, which Junction can only start once their keys are known, start at once here too, so
 * the floor is a lower bound of what any plan with these statements can reach.
 */
final class TransferFloor {
    /** One measurement: wall time and rows streamed, or why it failed. */
    record Measurement(long millis, long rows, String failure) {
    }

    private final Map<String, Connector> connectors;

    TransferFloor(Junction junction) {
        this.connectors = junction.sources().stream().collect(Collectors.toMap(Connector::name, Function.identity()));
    }

    Measurement measure(List<SourceStatementStats> statements) {
        if (statements.isEmpty()) {
            return new Measurement(0, 0, null);
        }
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("transfer-floor-", 0).factory())) {
            List<Future<Long>> streams = new ArrayList<>();
            for (SourceStatementStats statement : statements) {
                Connector connector = connectors.get(statement.source());
                if (connector == null) {
                    return new Measurement(0, 0, "no source named " + statement.source());
                }
                streams.add(threads.submit(() -> drain(connector, statement)));
            }
            long rows = 0;
            for (Future<Long> stream : streams) {
                rows += stream.get();
            }
            return new Measurement((System.nanoTime() - start) / 1_000_000, rows, null);
        } catch (ExecutionException e) {
            return new Measurement(0, 0, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Measurement(0, 0, "interrupted");
        }
    }

    private static long drain(Connector connector, SourceStatementStats statement) {
        long rows = 0;
        try (BatchStream stream = connector.execute(statement.work())) {
            for (Batch b = stream.next(); b != null; b = stream.next()) {
                rows += b.rowCount();
            }
        }
        return rows;
    }
}
