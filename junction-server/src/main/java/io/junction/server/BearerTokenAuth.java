package io.junction.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Requires {@code Authorization: Bearer <token>} on every path but the open ones. The comparison takes
 * the same time wherever the tokens differ, so timing does not reveal a prefix of the token.
 */
final class BearerTokenAuth implements Handler {
    private final byte[] token;
    private final Set<String> openPaths;

    BearerTokenAuth(String token, Set<String> openPaths) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.openPaths = Set.copyOf(openPaths);
    }

    @Override
    public void handle(Context ctx) {
        if (openPaths.contains(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "this server requires a bearer token: send Authorization: Bearer <token>", null);
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new ApiException(401, "unauthorized", "the bearer token is not valid", null);
        }
    }
}
