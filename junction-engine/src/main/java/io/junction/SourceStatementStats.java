package io.junction;

import io.junction.connector.SourceQuery;
import io.junction.connector.SourceType;

import java.time.Duration;

/**
 * One statement Junction sent to a source while running a query, as sent, with what came back.
 *
 * @param statement the SQL text, or a description of the scan for sources without SQL
 * @param bytes     payload bytes of the values returned (see {@link io.junction.vector.PayloadBytes})
 * @param elapsed   from the start of the statement to its end (or to now while it runs)
 * @param work      the exact work handed to the source (bind-join keys included), so that it can be run
 *                  again on its own (as the benchmark's transfer floor does)
 */
public record SourceStatementStats(String source, SourceType sourceType, String statement, long rows, long batches,
                                   long bytes, Duration elapsed, boolean finished, SourceQuery work) {
}
