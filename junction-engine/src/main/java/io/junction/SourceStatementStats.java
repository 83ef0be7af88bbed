package io.junction;

import io.junction.connector.SourceType;

import java.time.Duration;

/**
 * One statement Junction sent to a source while running a query, as sent, with what came back.
 *
 * @param statement the SQL text, or a description of the scan for sources without SQL
 * @param bytes     payload bytes of the values returned (text by length, other types by width; see ValueWidths)
 * @param elapsed   from the start of the statement to its end (or to now while it runs)
 */
public record SourceStatementStats(String source, SourceType sourceType, String statement, long rows, long batches, long bytes,
                                   Duration elapsed, boolean finished) {
}
