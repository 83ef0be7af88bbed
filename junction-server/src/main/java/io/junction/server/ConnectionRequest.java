package io.junction.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.connector.SourceType;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads and validates the body of {@code POST /api/connections} (all settings) and
 * {@code PATCH /api/connections/{id}} (the settings to change; {@code null} clears an optional one).
 * Every violation is a 400 naming the field.
 *
 * <p>Rules: {@code name} is an SQL identifier (letters, digits, underscore; not starting with a digit; at
 * most 63 characters); {@code type} is postgresql, mysql, sqlite, duckdb or csv; server types need
 * {@code host} and {@code database} and may have {@code port} (1-65535), {@code user}, {@code password};
 * file types need {@code path} and take none of the server settings; {@code options} is an object of
 * strings, numbers and booleans.
 */
final class ConnectionRequest {
    static final Set<String> FIELDS = Set.of("name", "type", "host", "port", "database", "user", "password", "path", "options");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,252})|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$][A-Za-z0-9_$-]{0,63}");
    private static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    private static final Set<String> TYPES = Set.of("postgresql", "mysql", "sqlite", "duckdb", "csv");

    private ConnectionRequest() {
    }

    /** A new connection from a POST body. */
    static ApiConnection create(JsonNode body) {
        requireObject(body);
        checkFields(body);
        Instant now = Instant.now();
        ApiConnection c = new ApiConnection(UUID.randomUUID().toString(), requiredName(body), type(body.get("type")),
                optionalText(body, "host"), optionalPort(body), optionalText(body, "database"),
                optionalText(body, "user"), optionalText(body, "password"), optionalText(body, "path"),
                options(body), now, now);
        return validated(c);
    }

    /** {@code current} with the changes of a PATCH body. */
    static ApiConnection patch(ApiConnection current, JsonNode body) {
        requireObject(body);
        checkFields(body);
        if (body.has("name") && body.get("name").isNull()) {
            throw ApiException.invalid("name", "name cannot be removed");
        }
        if (body.has("type") && body.get("type").isNull()) {
            throw ApiException.invalid("type", "type cannot be removed");
        }
        ApiConnection c = new ApiConnection(current.id(),
                body.has("name") ? requiredName(body) : current.name(),
                body.has("type") ? type(body.get("type")) : current.type(),
                body.has("host") ? optionalText(body, "host") : current.host(),
                body.has("port") ? optionalPort(body) : current.port(),
                body.has("database") ? optionalText(body, "database") : current.database(),
                body.has("user") ? optionalText(body, "user") : current.user(),
                body.has("password") ? optionalText(body, "password") : current.password(),
                body.has("path") ? optionalText(body, "path") : current.path(),
                body.has("options") ? options(body) : current.options(),
                current.createdAt(), Instant.now());
        return validated(c);
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(null, "the request body must be a JSON object");
        }
    }

    private static void checkFields(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String f = names.next();
            if (!FIELDS.contains(f)) {
                throw ApiException.invalid(f, "unknown field '" + f + "'; a connection has " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)));
            }
        }
    }

    private static String requiredName(JsonNode body) {
        JsonNode n = body.get("name");
        if (n == null || n.isNull() || !n.isTextual() || n.asText().isBlank()) {
            throw ApiException.invalid("name", "name is required (a text such as \"sales_db\")");
        }
        String name = n.asText();
        if (!NAME.matcher(name).matches()) {
            throw ApiException.invalid("name", "name must be an SQL identifier: letters, digits and underscores, not starting "
                    + "with a digit, at most 63 characters; got '" + name + "'");
        }
        return name;
    }

    private static SourceType type(JsonNode n) {
        if (n == null || n.isNull()) {
            throw ApiException.invalid("type", "type is required: one of postgresql, mysql, sqlite, duckdb, csv");
        }
        if (!n.isTextual() || !TYPES.contains(n.asText())) {
            throw ApiException.invalid("type", "type must be one of postgresql, mysql, sqlite, duckdb, csv; got " + n);
        }
        return SourceType.fromConfigName(n.asText());
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.invalid(field, field + " must be a text, got " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return n.asText();
    }

    private static Integer optionalPort(JsonNode body) {
        JsonNode n = body.get("port");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 65535) {
            throw ApiException.invalid("port", "port must be an integer from 1 to 65535, got " + n);
        }
        return n.asInt();
    }

    private static Map<String, Object> options(JsonNode body) {
        JsonNode n = body.get("options");
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw ApiException.invalid("options", "options must be an object of settings, e.g. {\"pool_size\": 8}");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!OPTION_KEY.matcher(e.getKey()).matches()) {
                throw ApiException.invalid("options", "option name '" + e.getKey() + "' is not a plain name");
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                out.put(e.getKey(), v.asText());
            } else if (v.isBoolean()) {
                out.put(e.getKey(), v.booleanValue());
            } else if (v.isIntegralNumber()) {
                out.put(e.getKey(), v.longValue());
            } else if (v.isNumber()) {
                out.put(e.getKey(), v.decimalValue());
            } else {
                throw ApiException.invalid("options", "option '" + e.getKey() + "' must be a text, number or boolean");
            }
        }
        return out;
    }

    /** Checks the settings that depend on the type. */
    private static ApiConnection validated(ApiConnection c) {
        if (c.isServerType()) {
            if (c.host() == null || c.host().isBlank()) {
                throw ApiException.invalid("host", "host is required for " + c.type().configName() + " connections");
            }
            if (!HOST.matcher(c.host()).matches()) {
                throw ApiException.invalid("host", "host must be a host name or IP address, got '" + c.host() + "'");
            }
            if (c.database() == null || c.database().isBlank()) {
                throw ApiException.invalid("database", "database is required for " + c.type().configName() + " connections");
            }
            if (!DATABASE.matcher(c.database()).matches()) {
                throw ApiException.invalid("database", "database must be a plain database name (letters, digits, _ $ -), got '"
                        + c.database() + "'");
            }
            if (c.path() != null) {
                throw ApiException.invalid("path", "path does not apply to " + c.type().configName() + " connections; use host and database");
            }
            Object schema = c.options().get(ApiConnection.SCHEMA_OPTION);
            if (schema != null && (c.type() != io.junction.connector.SourceType.POSTGRESQL
                    || !DATABASE.matcher(schema.toString()).matches())) {
                throw ApiException.invalid("options", "option schema applies to postgresql connections only and must be a plain schema name");
            }
        } else {
            if (c.path() == null || c.path().isBlank()) {
                throw ApiException.invalid("path", "path is required for " + c.type().configName() + " connections");
            }
            for (String field : new String[]{"host", "database", "user", "password"}) {
                Object value = switch (field) {
                    case "host" -> c.host();
                    case "database" -> c.database();
                    case "user" -> c.user();
                    default -> c.password();
                };
                if (value != null) {
                    throw ApiException.invalid(field, field + " does not apply to " + c.type().configName() + " connections; use path");
                }
            }
            if (c.port() != null) {
                throw ApiException.invalid("port", "port does not apply to " + c.type().configName() + " connections; use path");
            }
        }
        return c;
    }
}
