package io.junction.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.junction.Junction;
import io.junction.connector.Connector;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.error.JunctionException;
import io.junction.types.ColumnMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The connection endpoints under {@code /api/connections}: list, create, read, change, delete, test
 * reachability, and read metadata. Responses never contain passwords ({@code has_password} says whether
 * one is set).
 */
final class ConnectionsApi {
    private final Junction junction;
    private final ConnectionRegistry connections;
    private final ErrorResponses errors;
    private final RequestBodies bodies;

    ConnectionsApi(Junction junction, ConnectionRegistry connections, ErrorResponses errors, ObjectMapper json) {
        this.junction = junction;
        this.connections = connections;
        this.errors = errors;
        this.bodies = new RequestBodies(json);
    }

    void list(Context ctx) {
        ctx.json(connections.list().stream().map(RegisteredConnection::describe).toList());
    }

    void create(Context ctx) {
        ApiConnection created = connections.create(bodies.read(ctx));
        ctx.status(201).header("Location", "/api/connections/" + created.id()).json(created.describe());
    }

    void get(Context ctx) {
        ctx.json(connections.resolve(ctx.pathParam("id"), "id").describe());
    }

    void update(Context ctx) {
        ctx.json(connections.update(ctx.pathParam("id"), bodies.read(ctx)).describe());
    }

    void delete(Context ctx) {
        connections.delete(ctx.pathParam("id"));
        ctx.status(204);
    }

    /** Reachability, server version and round-trip time; an unreachable source is a result (200), not an error. */
    void test(Context ctx) {
        RegisteredConnection c = connections.resolve(ctx.pathParam("id"), "id");
        Connector connector = connector(c);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connection_id", c.id());
        out.put("name", c.name());
        long start = System.nanoTime();
        try {
            connector.checkReachable();
            long latency = (System.nanoTime() - start) / 1_000_000;
            Optional<String> version = connector.serverVersion();
            out.put("reachable", true);
            out.put("server_version", version.orElse(null));
            out.put("latency_ms", latency);
        } catch (JunctionException e) {
            out.put("reachable", false);
            out.put("error", e.code().name().toLowerCase(Locale.ROOT));
            out.put("message", e.getMessage());
            out.put("latency_ms", (System.nanoTime() - start) / 1_000_000);
        }
        ctx.json(out);
    }

    /** Schemas, their tables and views, and each table's columns, primary key and row estimate. */
    void metadata(Context ctx) {
        RegisteredConnection c = connections.resolve(ctx.pathParam("id"), "id");
        Connector connector = connector(c);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connection_id", c.id());
        out.put("name", c.name());
        out.put("type", c.type().configName());
        List<Map<String, Object>> schemas = new ArrayList<>();
        try {
            out.put("default_schema", connector.defaultSchema());
            for (String schema : connector.schemaNames()) {
                List<Map<String, Object>> tables = new ArrayList<>();
                for (TableInfo info : connector.tables(schema)) {
                    connector.table(schema, info.name()).ifPresent(t -> tables.add(describe(t)));
                }
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("name", schema);
                s.put("tables", tables);
                schemas.add(s);
            }
        } catch (JunctionException e) {
            throw errors.translate(e);
        }
        out.put("schemas", schemas);
        ctx.json(out);
    }

    private static Map<String, Object> describe(TableMetadata t) {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("name", t.name());
        table.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
        table.put("row_estimate", t.rowCountEstimate().isPresent() ? t.rowCountEstimate().getAsLong() : null);
        table.put("primary_key", t.primaryKey());
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ColumnMetadata col : t.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", col.name());
            m.put("type", col.isMapped() ? col.type().toString() : null);
            m.put("source_type", col.sourceType());
            m.put("nullable", col.nullable());
            m.put("primary_key", t.primaryKey().contains(col.name()));
            columns.add(m);
        }
        table.put("columns", columns);
        return table;
    }

    private Connector connector(RegisteredConnection c) {
        return junction.sources().stream().filter(s -> s.name().equals(c.name())).findFirst()
                .orElseThrow(() -> ApiException.notFound("id", "connection '" + c.name() + "' was just removed"));
    }
}
