package io.junction;

import io.junction.connector.SourceType;

/**
 * One statement a query's plan sends to a source, exactly as it will be sent.
 *
 * @param statement the SQL text, or a description of the scan for sources without SQL
 */
public record PlannedStatement(String source, SourceType sourceType, String statement) {
}
