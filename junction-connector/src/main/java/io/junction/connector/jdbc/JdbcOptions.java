package io.junction.connector.jdbc;

import io.junction.connector.SourceConfig;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;

import java.util.Map;

/**
 * The settings of a JDBC source that tune how Junction talks to it, read from the source's
 * {@code options}. Values may arrive as numbers or as text (YAML and environment substitution give either).
 *
 * @param connectTimeoutSeconds how long opening a connection may take before the source counts as unreachable
 * @param poolSize              most connections held open to the source at once
 * @param batchSize             rows per batch handed to the engine
 * @param fetchSize             rows the driver fetches per round trip while streaming
 * @param metadataCacheSeconds  how long listings and table metadata are reused before asking the source again
 * @param create                whether a missing database file may be created (file-based sources)
 * @param readOnly              whether file-based sources are opened read-only
 */
public record JdbcOptions(int connectTimeoutSeconds, int poolSize, int batchSize, int fetchSize,
                          int metadataCacheSeconds, boolean create, boolean readOnly) {
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    public static final int DEFAULT_POOL_SIZE = 4;
    public static final int DEFAULT_BATCH_SIZE = 2048;
    public static final int DEFAULT_FETCH_SIZE = 10_000;
    public static final int DEFAULT_METADATA_CACHE_SECONDS = 60;

    public static JdbcOptions from(SourceConfig config) {
        Map<String, Object> options = config.options();
        return new JdbcOptions(
                positiveInt(config, options, "connect_timeout_seconds", DEFAULT_CONNECT_TIMEOUT_SECONDS, 1),
                positiveInt(config, options, "pool_size", DEFAULT_POOL_SIZE, 1),
                positiveInt(config, options, "batch_size", DEFAULT_BATCH_SIZE, 1),
                positiveInt(config, options, "fetch_size", DEFAULT_FETCH_SIZE, 1),
                positiveInt(config, options, "metadata_cache_seconds", DEFAULT_METADATA_CACHE_SECONDS, 0),
                bool(config, options, "create", false),
                bool(config, options, "read_only", false));
    }

    private static int positiveInt(SourceConfig config, Map<String, Object> options, String key, int fallback, int min) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = value instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(value.toString().trim());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below together with the out-of-range case
        }
        throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + config.name() + "': option " + key + " must be an integer >= "
                + min + ", got '" + value + "'");
    }

    /** A true/false option of {@code config}, {@code fallback} when unset; CONFIG_ERROR naming the source otherwise. */
    public static boolean booleanOption(SourceConfig config, String key, boolean fallback) {
        return bool(config, config.options(), key, fallback);
    }

    private static boolean bool(SourceConfig config, Map<String, Object> options, String key, boolean fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new JunctionException(ErrorCode.CONFIG_ERROR, "source '" + config.name() + "': option " + key
                + " must be true or false, got '" + value + "'");
    }
}
