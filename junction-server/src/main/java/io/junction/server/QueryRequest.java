package io.junction.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/cross-database/query} and {@code POST /api/query}, validated (400 naming
 * the field): {@code query} non-empty text; {@code connection_ids} (cross-database only, required there) a
 * non-empty array of ids or names; {@code timeout_secs} 1-300, default 60; {@code apply_limit} boolean,
 * default true; {@code limit_value} 1-10,000, default 1000.
 */
record QueryRequest(String query, List<String> connectionIds, int timeoutSecs, boolean applyLimit, int limitValue) {
    static final int DEFAULT_TIMEOUT_SECS = 60;
    static final int MAX_TIMEOUT_SECS = 300;
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    Duration timeout() {
        return Duration.ofSeconds(timeoutSecs);
    }

    static QueryRequest parse(JsonNode body, boolean crossDatabase) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(null, "the request body must be a JSON object with at least \"query\"");
        }
        Set<String> allowed = crossDatabase
                ? Set.of("query", "connection_ids", "timeout_secs", "apply_limit", "limit_value")
                : Set.of("query", "timeout_secs", "apply_limit", "limit_value");
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw ApiException.invalid(f, "unknown field '" + f + "'; expected " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        JsonNode q = body.get("query");
        if (q == null || q.isNull() || !q.isTextual() || q.asText().isBlank()) {
            throw ApiException.invalid("query", "query is required: the SQL text to run");
        }
        List<String> ids = crossDatabase ? connectionIds(body.get("connection_ids")) : List.of();
        int timeout = intField(body, "timeout_secs", DEFAULT_TIMEOUT_SECS, 1, MAX_TIMEOUT_SECS);
        JsonNode apply = body.get("apply_limit");
        if (apply != null && !apply.isNull() && !apply.isBoolean()) {
            throw ApiException.invalid("apply_limit", "apply_limit must be true or false, got " + apply);
        }
        boolean applyLimit = apply == null || apply.isNull() || apply.booleanValue();
        int limit = intField(body, "limit_value", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return new QueryRequest(q.asText(), ids, timeout, applyLimit, limit);
    }

    private static List<String> connectionIds(JsonNode n) {
        if (n == null || n.isNull()) {
            throw ApiException.invalid("connection_ids", "connection_ids is required: the ids (or names) of the connections the query reads");
        }
        if (!n.isArray() || n.isEmpty()) {
            throw ApiException.invalid("connection_ids", "connection_ids must be a non-empty array of connection ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode id : n) {
            if (!id.isTextual() || id.asText().isBlank()) {
                throw ApiException.invalid("connection_ids", "every connection id must be a non-empty text, got " + id);
            }
            ids.add(id.asText());
        }
        return new ArrayList<>(ids);
    }

    private static int intField(JsonNode body, String field, int fallback, int min, int max) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw ApiException.invalid(field, field + " must be an integer from " + min + " to " + String.format(java.util.Locale.ROOT, "%,d", max) + ", got " + n);
        }
        return n.asInt();
    }
}
