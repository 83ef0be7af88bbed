package io.junction.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/** One endpoint: method and path (with {@code {param}} placeholders, as in the OpenAPI document) and its handler. */
record ApiRoute(HandlerType method, String path, Handler handler) {
    /** {@code "GET /api/connections"}. */
    String key() {
        return method.name() + " " + path;
    }
}
