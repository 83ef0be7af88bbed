package io.junction.server;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns engine errors into API errors. Errors in the query (syntax, names, types, values) are 422 with
 * the SQLSTATE and, when known, the line and column; a timeout is 504; a source failing is 502 naming the
 * connection; a query cancelled by shutdown is 503; anything else is 500.
 */
final class ErrorResponses {
    /** Connector messages start with "source 'name' (type)". */
    private static final Pattern SOURCE_NAME = Pattern.compile("source '([^']+)'");

    private final ConnectionRegistry connections;

    ErrorResponses(ConnectionRegistry connections) {
        this.connections = connections;
    }

    ApiException translate(JunctionException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sqlstate", e.sqlState());
        if (e.code() == ErrorCode.QUERY_TIMEOUT) {
            return new ApiException(504, "query_timeout", e.getMessage(), null, details);
        }
        if (e.code() == ErrorCode.QUERY_CANCELED) {
            return new ApiException(503, "query_cancelled", e.getMessage(), null, details);
        }
        switch (e.kind()) {
            case USER_ERROR, UNSUPPORTED -> {
                if (e.hasPosition()) {
                    details.put("line", e.line());
                    details.put("column", e.column());
                }
                return new ApiException(422, "sql_error", e.getMessage(), e.hasPosition() ? "query" : null, details);
            }
            case SOURCE_FAILURE -> {
                Optional<RegisteredConnection> connection = failedConnection(e);
                details.put("connection_id", connection.map(RegisteredConnection::id).orElse(null));
                details.put("connection_name", connection.map(RegisteredConnection::name).orElse(null));
                return new ApiException(502, "source_failed", e.getMessage(), null, details);
            }
            case RESOURCE_EXHAUSTED -> {
                return new ApiException(503, "resource_exhausted", e.getMessage(), null, details);
            }
            default -> {
                return new ApiException(500, "internal_error", e.getMessage(), null, details);
            }
        }
    }

    private Optional<RegisteredConnection> failedConnection(JunctionException e) {
        Matcher m = SOURCE_NAME.matcher(e.getMessage());
        return m.find() ? connections.bySourceName(m.group(1)) : Optional.empty();
    }
}
