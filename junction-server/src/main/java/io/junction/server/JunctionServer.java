package io.junction.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.junction.Junction;
import io.junction.catalog.CatalogConfig;
import io.junction.connector.SourceConfig;
import io.junction.error.JunctionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Junction's HTTP/JSON API: connections (from the catalog file, read-only, and made over the API,
 * persisted in the data directory) and queries across them. Routes are listed in {@link #routes()} and
 * described in {@code /api/openapi.json}.
 *
 * <p>Stopping is graceful: new queries are refused, running ones are cancelled (which cancels their
 * statements in the sources), the HTTP server finishes the requests in flight and then every connection
 * is closed.
 */
public final class JunctionServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JunctionServer.class);
    private static final String OPENAPI_RESOURCE = "openapi.json";
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final ServerSettings settings;
    private final Junction junction;
    private final RunningQueries running = new RunningQueries();
    private final List<ApiRoute> routes;
    private final Javalin app;
    private boolean stopped;

    private JunctionServer(ServerSettings settings) {
        this.settings = settings;
        ObjectMapper json = new ObjectMapper();
        List<SourceConfig> catalogSources = settings.catalogFile() == null ? List.of() : CatalogConfig.load(settings.catalogFile());
        Junction.Builder builder = Junction.builder();
        catalogSources.forEach(builder::source);
        this.junction = builder.build();
        try {
            Files.createDirectories(settings.dataDir());
            ConnectionStore store = new ConnectionStore(settings.dataDir(), SecretCipher.open(settings.secretKey(), settings.dataDir()));
            ConnectionRegistry connections = new ConnectionRegistry(junction, catalogSources, store);
            ErrorResponses errors = new ErrorResponses(connections);
            ConnectionsApi connectionsApi = new ConnectionsApi(junction, connections, errors, json);
            QueryApi queryApi = new QueryApi(junction, connections, running, errors, json);
            byte[] openApi = openApiDocument();
            this.routes = List.of(
                    new ApiRoute(HandlerType.GET, "/health", this::health),
                    new ApiRoute(HandlerType.GET, "/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi)),
                    new ApiRoute(HandlerType.GET, "/api/connections", connectionsApi::list),
                    new ApiRoute(HandlerType.POST, "/api/connections", connectionsApi::create),
                    new ApiRoute(HandlerType.GET, "/api/connections/{id}", connectionsApi::get),
                    new ApiRoute(HandlerType.PATCH, "/api/connections/{id}", connectionsApi::update),
                    new ApiRoute(HandlerType.DELETE, "/api/connections/{id}", connectionsApi::delete),
                    new ApiRoute(HandlerType.POST, "/api/connections/{id}/test", connectionsApi::test),
                    new ApiRoute(HandlerType.GET, "/api/connections/{id}/metadata", connectionsApi::metadata),
                    new ApiRoute(HandlerType.POST, "/api/cross-database/query", queryApi::crossDatabaseQuery),
                    new ApiRoute(HandlerType.POST, "/api/query", queryApi::query),
                    new ApiRoute(HandlerType.POST, "/api/explain", queryApi::explain));
            this.app = createApp(json);
        } catch (RuntimeException | IOException e) {
            junction.close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot create the data directory " + settings.dataDir(), io)
                    : (RuntimeException) e;
        }
    }

    /** Starts a server; with port 0 on a free port (see {@link #port()}). */
    public static JunctionServer start(ServerSettings settings) {
        JunctionServer server = new JunctionServer(settings);
        try {
            server.app.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            server.junction.close();
            throw e;
        }
        if (settings.apiToken() == null && !isLoopback(settings.host())) {
            LOG.warn("Junction API listens on {} without a token: anyone who can reach this address can query every "
                    + "connection. Set {} (or --token) or bind to 127.0.0.1.", settings.host(), ServerSettings.TOKEN_ENV);
        }
        LOG.info("Junction API listening on http://{}:{} (data in {})", settings.host(), server.port(), settings.dataDir());
        return server;
    }

    private Javalin createApp(ObjectMapper json) {
        Javalin javalin = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.http.disableCompression(); // compression would hold back streamed rows
            config.jsonMapper(new JavalinJackson(json, false));
            // Javalin's server counts requests in flight; with a stop timeout, stopping waits for them to answer
            config.jetty.modifyServer(server -> server.setStopTimeout(STOP_TIMEOUT_MS));
        });
        if (settings.apiToken() != null) {
            javalin.before(new BearerTokenAuth(settings.apiToken(), Set.of("/health")));
        }
        for (ApiRoute r : routes) {
            javalin.addHttpHandler(r.method(), r.path(), r.handler());
        }
        javalin.exception(ApiException.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
        // Javalin's own answers: no such path (404), wrong method (405), body too large (413), ...
        javalin.exception(HttpResponseException.class, (e, ctx) -> {
            String error = switch (e.getStatus()) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                default -> "http_" + e.getStatus();
            };
            String message = e.getStatus() == 404 ? "no endpoint " + ctx.method() + " " + ctx.path() + "; see /api/openapi.json"
                    : e.getStatus() == 405 ? ctx.method() + " is not allowed on " + ctx.path() : e.getMessage();
            ctx.status(e.getStatus()).json(new ApiException(e.getStatus(), error, message, null).body());
        });
        javalin.exception(JunctionException.class, (e, ctx) -> {
            LOG.error("unexpected engine error", e);
            ctx.status(500).json(new ApiException(500, "internal_error", e.getMessage(), null).body());
        });
        javalin.exception(Exception.class, (e, ctx) -> {
            LOG.error("request failed: {} {}", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ApiException(500, "internal_error", "the server failed: " + e, null).body());
        });
        return javalin;
    }

    private void health(Context ctx) {
        ctx.json(java.util.Map.of("status", "ok", "running_queries", running.count()));
    }

    private static byte[] openApiDocument() throws IOException {
        try (InputStream in = JunctionServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + OPENAPI_RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        }
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** Every endpoint as "METHOD /path", in registration order. */
    public List<String> routes() {
        List<String> out = new ArrayList<>();
        routes.forEach(r -> out.add(r.key()));
        return out;
    }

    /** The engine behind the API (for embedding and tests). */
    public Junction junction() {
        return junction;
    }

    /** Stops gracefully: refuses new queries, cancels running ones, finishes requests in flight, closes connections. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        int cancelled = running.count();
        running.cancelAll();
        try {
            app.stop();
        } finally {
            junction.close();
        }
        LOG.info("Junction API stopped ({} running queries cancelled)", cancelled);
    }

    @Override
    public void close() {
        stop();
    }
}
