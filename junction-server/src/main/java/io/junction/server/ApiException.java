package io.junction.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API answers with an error: the HTTP status and the JSON body
 * {@code {error, message, field?, ...}}. {@code error} is a stable machine-readable code, {@code message}
 * says what was wrong and what to do, {@code field} names the request field at fault.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String error;
    private final String field;
    private final Map<String, Object> details;

    public ApiException(int status, String error, String message, String field) {
        this(status, error, message, field, Map.of());
    }

    public ApiException(int status, String error, String message, String field, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
        this.details = new LinkedHashMap<>(details);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "validation_failed", message, field);
    }

    public static ApiException notFound(String field, String message) {
        return new ApiException(404, "not_found", message, field);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }

    /** The response body. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        body.putAll(details);
        return body;
    }
}
