package io.junction.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import de.siegmar.fastcsv.writer.CsvWriter;
import io.javalin.http.Context;
import io.junction.Junction;
import io.junction.PlannedStatement;
import io.junction.QueryPlan;
import io.junction.QueryResult;
import io.junction.ResultColumn;
import io.junction.Row;
import io.junction.SourceStatementStats;
import io.junction.error.JunctionException;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query endpoints: {@code POST /api/cross-database/query} (the query may only read the listed
 * connections), {@code POST /api/query} (any catalog query) and {@code POST /api/explain}.
 *
 * <p>A JSON response is built once the rows are read, so every failure still gets its status code: rows
 * are read up to limit + 1 (the extra row tells whether the limit cut the result) and then the result is
 * closed, which ends the source statements early. Without a limit a JSON response holds at most
 * {@link #JSON_ROW_CAP} rows; larger results are streamed as NDJSON or CSV, which write each row as it is
 * read. A stream checks the first batch before it commits to status 200; a failure after that ends an
 * NDJSON stream with an error line and aborts a CSV stream (the client sees an incomplete response).
 */
final class QueryApi {
    static final int JSON_ROW_CAP = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);

    private final Junction junction;
    private final ConnectionRegistry connections;
    private final RunningQueries running;
    private final ErrorResponses errors;
    private final RequestBodies bodies;
    private final ObjectMapper json;

    QueryApi(Junction junction, ConnectionRegistry connections, RunningQueries running, ErrorResponses errors, ObjectMapper json) {
        this.junction = junction;
        this.connections = connections;
        this.running = running;
        this.errors = errors;
        this.json = json;
        this.bodies = new RequestBodies(json);
    }

    void crossDatabaseQuery(Context ctx) {
        QueryRequest request = QueryRequest.parse(bodies.read(ctx), true);
        List<RegisteredConnection> allowed = new ArrayList<>();
        for (String id : request.connectionIds()) {
            allowed.add(connections.resolve(id, "connection_ids"));
        }
        run(ctx, request, allowed);
    }

    void query(Context ctx) {
        run(ctx, QueryRequest.parse(bodies.read(ctx), false), null);
    }

    void explain(Context ctx) {
        JsonNode body = bodies.read(ctx);
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(null, "the request body must be a JSON object with \"query\"");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("query")) {
                throw ApiException.invalid(f, "unknown field '" + f + "'; expected query");
            }
        }
        JsonNode q = body.get("query");
        if (q == null || !q.isTextual() || q.asText().isBlank()) {
            throw ApiException.invalid("query", "query is required: the SQL text to plan");
        }
        running.requireOpen();
        QueryPlan plan;
        try {
            plan = junction.plan(q.asText());
        } catch (JunctionException e) {
            throw errors.translate(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", q.asText());
        out.put("plan", plan.text());
        List<Map<String, Object>> statements = new ArrayList<>();
        for (PlannedStatement s : plan.statements()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Optional<RegisteredConnection> c = connections.bySourceName(s.source());
            m.put("connection_id", c.map(RegisteredConnection::id).orElse(null));
            m.put("connection_name", s.source());
            m.put("database_type", s.sourceType().configName());
            m.put("query", s.statement());
            statements.add(m);
        }
        out.put("sub_queries", statements);
        ctx.json(out);
    }

    private void run(Context ctx, QueryRequest request, List<RegisteredConnection> allowed) {
        ResponseFormat format = ResponseFormat.fromAccept(ctx.header("Accept"));
        Instant executedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long start = System.nanoTime();
        QueryResult result;
        try {
            result = running.start(() -> junction.query(request.query(), request.timeout()));
        } catch (JunctionException e) {
            throw errors.translate(e);
        }
        try {
            if (allowed != null) {
                checkReadsOnly(result, allowed);
            }
            if (format == ResponseFormat.JSON) {
                respondJson(ctx, request, result, executedAt, start);
            } else {
                stream(ctx, request, result, format);
            }
        } catch (JunctionException e) {
            throw errors.translate(e);
        } catch (IOException e) {
            // the client went away: closing the result below cancels the source statements
            LOG.debug("client disconnected while a result was written: {}", e.toString());
        } finally {
            running.finished(result);
            result.close();
        }
    }

    /** Every table the query reads must belong to one of the listed connections. */
    private void checkReadsOnly(QueryResult result, List<RegisteredConnection> allowed) {
        for (String source : result.sources()) {
            boolean listed = allowed.stream().anyMatch(c -> c.name().equalsIgnoreCase(source));
            if (!listed) {
                String id = connections.bySourceName(source).map(RegisteredConnection::id).orElse("?");
                throw ApiException.invalid("connection_ids", "the query reads tables of connection '" + source + "' (id " + id
                        + "), which is not in connection_ids; add it or remove those tables from the query");
            }
        }
    }

    private void respondJson(Context ctx, QueryRequest request, QueryResult result, Instant executedAt, long start) throws IOException {
        List<ResultColumn> columns = result.columns();
        String[] keys = uniqueKeys(columns);
        TokenBuffer rows = new TokenBuffer(json, false);
        rows.writeStartArray();
        long cap = request.applyLimit() ? request.limitValue() : JSON_ROW_CAP;
        long count = 0;
        boolean limitApplied = false;
        for (Row row : result) {
            if (count == cap) {
                if (!request.applyLimit()) {
                    throw new ApiException(413, "result_too_large", "the result has more than " + JSON_ROW_CAP + " rows, more than a "
                            + "JSON response holds; apply a limit, or ask for Accept: application/x-ndjson or text/csv to stream it", null);
                }
                limitApplied = true;
                break;
            }
            rows.writeStartObject();
            for (int i = 0; i < keys.length; i++) {
                rows.writeFieldName(keys[i]);
                ResultValues.write(rows, columns.get(i).type(), row.get(i));
            }
            rows.writeEndObject();
            count++;
        }
        rows.writeEndArray();
        result.close(); // ends the source statements now, so their statistics are final
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        ctx.status(200).contentType(ResponseFormat.JSON.contentType());
        try (JsonGenerator out = json.getFactory().createGenerator(ctx.res().getOutputStream())) {
            out.writeStartObject();
            out.writeStringField("original_query", request.query());
            out.writeArrayFieldStart("sub_queries");
            for (SourceStatementStats s : result.sourceStatements()) {
                out.writeStartObject();
                Optional<RegisteredConnection> c = connections.bySourceName(s.source());
                out.writeStringField("connection_id", c.map(RegisteredConnection::id).orElse(null));
                out.writeStringField("connection_name", s.source());
                out.writeStringField("database_type", s.sourceType().configName());
                out.writeStringField("query", s.statement());
                out.writeNumberField("row_count", s.rows());
                out.writeNumberField("execution_time_ms", s.elapsed().toMillis());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("columns");
            for (int i = 0; i < keys.length; i++) {
                out.writeStartObject();
                out.writeStringField("name", keys[i]);
                out.writeStringField("type", columns.get(i).type().toString());
                out.writeBooleanField("nullable", columns.get(i).nullable());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeFieldName("results");
            rows.serialize(out);
            out.writeNumberField("row_count", count);
            out.writeNumberField("execution_time_ms", elapsedMs);
            out.writeBooleanField("limit_applied", limitApplied);
            out.writeStringField("executed_at", executedAt.toString());
            out.writeEndObject();
        }
    }

    private void stream(Context ctx, QueryRequest request, QueryResult result, ResponseFormat format) throws IOException {
        List<ResultColumn> columns = result.columns();
        String[] keys = uniqueKeys(columns);
        Iterator<Row> rows = result.iterator();
        rows.hasNext(); // reads the first batch: a failure up to here still gets its own status
        ctx.status(200).contentType(format.contentType());
        ctx.header("X-Junction-Columns", String.join(",", keys));
        long limit = request.applyLimit() ? request.limitValue() : Long.MAX_VALUE;
        OutputStream out = ctx.res().getOutputStream();
        if (format == ResponseFormat.NDJSON) {
            JsonGenerator g = json.getFactory().createGenerator(out);
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            try {
                long count = 0;
                while (count < limit && rows.hasNext()) {
                    Row row = rows.next();
                    g.writeStartObject();
                    for (int i = 0; i < keys.length; i++) {
                        g.writeFieldName(keys[i]);
                        ResultValues.write(g, columns.get(i).type(), row.get(i));
                    }
                    g.writeEndObject();
                    g.writeRaw('\n');
                    count++;
                }
            } catch (JunctionException e) {
                ApiException error = errors.translate(e);
                g.writeObject(error.body());
                g.writeRaw('\n');
            }
            g.close();
        } else {
            CsvWriter csv = CsvWriter.builder().build(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                csv.writeRecord(keys);
                long count = 0;
                String[] fields = new String[keys.length];
                while (count < limit && rows.hasNext()) {
                    Row row = rows.next();
                    for (int i = 0; i < keys.length; i++) {
                        fields[i] = ResultValues.text(columns.get(i).type(), row.get(i));
                    }
                    csv.writeRecord(fields);
                    count++;
                }
                csv.flush();
            } catch (JunctionException e) {
                // CSV has no way to say "this is an error": cut the connection so the client cannot take a
                // partial result for a complete one
                LOG.warn("query failed while its CSV result was streamed; aborting the response: {}", e.getMessage());
                Request.getBaseRequest(ctx.req()).getHttpChannel().abort(e);
            }
        }
    }

    /** Column names as JSON keys: a repeated name gets a suffix (id, id_2, ...), as object keys must be unique. */
    static String[] uniqueKeys(List<ResultColumn> columns) {
        String[] keys = new String[columns.size()];
        Set<String> used = new HashSet<>();
        for (int i = 0; i < keys.length; i++) {
            String name = columns.get(i).name();
            String key = name;
            for (int n = 2; !used.add(key.toLowerCase(Locale.ROOT)); n++) {
                key = name + "_" + n;
            }
            keys[i] = key;
        }
        return keys;
    }
}
