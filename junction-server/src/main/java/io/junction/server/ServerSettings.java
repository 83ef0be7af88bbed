package io.junction.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a server runs.
 *
 * @param host        address to bind; loopback by default
 * @param port        TCP port, 0 for any free port
 * @param apiToken    bearer token every endpoint but /health requires, or null for none
 * @param dataDir     where API connections and the key file are kept
 * @param catalogFile a junction.yaml whose sources appear as read-only connections, or null
 * @param secretKey   base64 AES key for stored passwords, or null to use (and create) the key file in dataDir
 */
public record ServerSettings(String host, int port, String apiToken, Path dataDir, Path catalogFile, String secretKey) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8089;
    public static final String TOKEN_ENV = "JUNCTION_API_TOKEN";
    public static final String SECRET_KEY_ENV = "JUNCTION_SECRET_KEY";

    public ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        apiToken = apiToken == null || apiToken.isBlank() ? null : apiToken;
        secretKey = secretKey == null || secretKey.isBlank() ? null : secretKey;
    }

    /** The data directory used when none is given: {@code ~/.junction}. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".junction");
    }

    /** Defaults, with the token and key taken from the environment. */
    public static ServerSettings fromEnvironment() {
        return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, System.getenv(TOKEN_ENV), defaultDataDir(), null,
                System.getenv(SECRET_KEY_ENV));
    }

    public ServerSettings withHost(String host) {
        return new ServerSettings(host, port, apiToken, dataDir, catalogFile, secretKey);
    }

    public ServerSettings withPort(int port) {
        return new ServerSettings(host, port, apiToken, dataDir, catalogFile, secretKey);
    }

    public ServerSettings withApiToken(String apiToken) {
        return new ServerSettings(host, port, apiToken, dataDir, catalogFile, secretKey);
    }

    public ServerSettings withDataDir(Path dataDir) {
        return new ServerSettings(host, port, apiToken, dataDir, catalogFile, secretKey);
    }

    public ServerSettings withCatalogFile(Path catalogFile) {
        return new ServerSettings(host, port, apiToken, dataDir, catalogFile, secretKey);
    }

    public ServerSettings withSecretKey(String secretKey) {
        return new ServerSettings(host, port, apiToken, dataDir, catalogFile, secretKey);
    }

    /** The token, hidden. */
    @Override
    public String toString() {
        return "ServerSettings[host=" + host + ", port=" + port + ", apiToken=" + (apiToken == null ? "none" : "***")
                + ", dataDir=" + dataDir + ", catalogFile=" + catalogFile + ", secretKey=" + (secretKey == null ? "key file" : "***") + "]";
    }
}
