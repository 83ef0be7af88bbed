package io.junction.connector.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Connections from a HikariCP pool for one source. */
public final class PooledConnectionSource implements JdbcConnectionSource {
    private final HikariDataSource pool;

    /**
     * Opens the pool and one connection to prove the source answers; a failure surfaces here as the
     * driver's SQLException (not Hikari's wrapper) so the caller can classify it.
     *
     * @param initSql statement run on every new connection (session settings), or null
     */
    public PooledConnectionSource(String poolName, String url, String user, String password, Properties driverProperties,
                                  String initSql, JdbcOptions options) throws SQLException {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("junction-" + poolName);
        hikari.setJdbcUrl(url);
        if (user != null) {
            hikari.setUsername(user);
        }
        if (password != null) {
            hikari.setPassword(password);
        }
        hikari.setDataSourceProperties(driverProperties);
        hikari.setMaximumPoolSize(options.poolSize());
        // Idle connections are not kept open for sources nobody queries.
        hikari.setMinimumIdle(0);
        hikari.setIdleTimeout(TimeUnit.MINUTES.toMillis(2));
        hikari.setConnectionTimeout(TimeUnit.SECONDS.toMillis(options.connectTimeoutSeconds()));
        // One attempt when the pool is built (on first use): an unreachable source fails at once with the
        // driver's own reason instead of after Hikari's retry loop.
        hikari.setInitializationFailTimeout(1);
        if (initSql != null) {
            hikari.setConnectionInitSql(initSql);
        }
        try {
            this.pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw driverFailure(e);
        }
    }

    @Override
    public Connection open() throws SQLException {
        return pool.getConnection();
    }

    /** Asks Hikari's pool itself, whose wait can be bounded per call, unlike the DataSource's. */
    @Override
    public Connection tryOpen(long waitMillis) throws SQLException {
        if (!(pool.getHikariPoolMXBean() instanceof HikariPool hikariPool)) {
            return open();
        }
        try {
            return hikariPool.getConnection(Math.max(1, waitMillis));
        } catch (SQLTransientConnectionException e) {
            return null;
        }
    }

    /**
     * Evicts first: a pooled connection whose driver connection was aborted would otherwise be recycled, and
     * the first call on it would have Hikari log it as broken. Once evicted and closed, calls on it fail quietly.
     */
    @Override
    public void discard(Connection connection) {
        if (pool.isClosed()) {
            // The source is being closed (with the query still starting): the pool's shutdown closes its
            // connections, and it no longer evicts, so closing this one here would be logged as broken.
            return;
        }
        pool.evictConnection(connection);
        JdbcConnectionSource.super.discard(connection);
    }

    @Override
    public void close() {
        pool.close();
    }

    private static SQLException driverFailure(RuntimeException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return new SQLException(e.getMessage(), "08001", e);
    }
}
