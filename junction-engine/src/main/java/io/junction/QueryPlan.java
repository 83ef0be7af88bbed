package io.junction;

import java.util.List;

/**
 * The plan of a query, without running it.
 *
 * @param text       the operator tree as EXPLAIN prints it
 * @param statements every statement the plan sends to a source, in plan order
 */
public record QueryPlan(String text, List<PlannedStatement> statements) {
    public QueryPlan {
        statements = List.copyOf(statements);
    }
}
