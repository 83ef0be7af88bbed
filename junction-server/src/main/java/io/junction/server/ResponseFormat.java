package io.junction.server;

import java.util.Locale;

/**
 * The representation of a query result, chosen by the {@code Accept} header: one JSON document (the
 * default), or rows streamed as they are read, as NDJSON (one JSON object per line) or CSV (a header line,
 * then one line per row).
 */
enum ResponseFormat {
    JSON("application/json"),
    NDJSON("application/x-ndjson"),
    CSV("text/csv; charset=utf-8");

    private final String contentType;

    ResponseFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The first supported type in the header (preference order as listed); JSON when there is none. */
    static ResponseFormat fromAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
            switch (type) {
                case "application/json", "application/*", "*/*" -> {
                    return JSON;
                }
                case "application/x-ndjson", "application/ndjson", "application/jsonl" -> {
                    return NDJSON;
                }
                case "text/csv" -> {
                    return CSV;
                }
                default -> {
                    // not one of ours; try the next
                }
            }
        }
        throw new ApiException(406, "not_acceptable", "results are available as application/json, application/x-ndjson or "
                + "text/csv; the Accept header asked for '" + accept + "'", null);
    }
}
