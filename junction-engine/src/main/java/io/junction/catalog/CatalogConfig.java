package io.junction.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceType;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the catalog file ({@code junction.yaml}):
 * <pre>
 * sources:
 *   pg:   { type: postgresql, url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres, password: "${PGPASSWORD}" }
 *   shop: { type: mysql, url: "jdbc:mariadb://127.0.0.1:3306/test", user: root }
 *   local: { type: sqlite, path: ./data/app.db }
 *   files: { type: csv, path: ./data/csv }
 * </pre>
 * {@code ${NAME}} in any string value is replaced by the environment variable NAME ({@code ${NAME:-default}}
 * gives a default); an unset variable without a default is an error naming the source and variable.
 * Relative paths are resolved against the catalog file's directory.
 */
public final class CatalogConfig {
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Set<String> KNOWN_KEYS = Set.of("type", "url", "user", "password", "path");
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private CatalogConfig() {
    }

    public static List<SourceConfig> load(Path file) {
        return load(file, System::getenv);
    }

    public static List<SourceConfig> load(Path file, Function<String, String> environment) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "cannot read catalog file " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base, environment);
    }

    public static List<SourceConfig> parse(String yaml, String origin, Path baseDirectory, Function<String, String> environment) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "catalog " + origin + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.has("sources") || !root.get("sources").isObject()) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "catalog " + origin + " needs a 'sources:' map of source name to settings");
        }
        List<SourceConfig> sources = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.get("sources").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            sources.add(parseSource(e.getKey(), e.getValue(), origin, baseDirectory, environment));
        }
        return sources;
    }

    private static SourceConfig parseSource(String name, JsonNode node, String origin, Path base, Function<String, String> env) {
        String where = "source '" + name + "' in " + origin;
        if (!SOURCE_NAME.matcher(name).matches()) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": a source name must be a plain SQL identifier (letters, digits, _)");
        }
        if (!node.isObject()) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": settings must be a map like { type: postgresql, url: ... }");
        }
        String typeName = text(node, "type", where, env);
        if (typeName == null) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": missing 'type' (postgresql, mysql, sqlite, duckdb or csv)");
        }
        SourceType type;
        try {
            type = SourceType.fromConfigName(typeName);
        } catch (IllegalArgumentException ex) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": " + ex.getMessage(), ex);
        }
        String path = text(node, "path", where, env);
        if (path != null && base != null) {
            path = base.resolve(path).normalize().toString();
        }
        Map<String, Object> options = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> {
            if (!KNOWN_KEYS.contains(f.getKey())) {
                options.put(f.getKey(), toPlain(f.getValue(), where, env));
            }
        });
        return new SourceConfig(name, type, text(node, "url", where, env), text(node, "user", where, env),
                text(node, "password", where, env), path, options);
    }

    private static String text(JsonNode node, String key, String where, Function<String, String> env) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": '" + key + "' must be a single value");
        }
        return substitute(v.asText(), where + ", setting '" + key + "'", env);
    }

    private static Object toPlain(JsonNode v, String where, Function<String, String> env) {
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            v.fields().forEachRemaining(f -> m.put(f.getKey(), toPlain(f.getValue(), where, env)));
            return m;
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            v.forEach(x -> l.add(toPlain(x, where, env)));
            return l;
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.isNull() ? null : substitute(v.asText(), where, env);
    }

    static String substitute(String value, String where, Function<String, String> env) {
        Matcher m = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = env.apply(m.group(1));
            if (replacement == null) {
                replacement = m.group(2);
            }
            if (replacement == null) {
                throw new JunctionException(ErrorCode.CONFIG_ERROR, where + ": environment variable " + m.group(1)
                        + " is not set (set it, or write ${" + m.group(1) + ":-default})");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
