package io.junction.tpch;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads generated TPC-H tables into real databases through each one's bulk path, then declares primary
 * keys and gathers optimizer statistics:
 * <ul>
 *   <li>PostgreSQL: {@code COPY … FROM STDIN} through pgjdbc's copy API, primary key added after the
 *       data, {@code VACUUM (FREEZE, ANALYZE)}: freshly copied rows carry no hint bits, so without the vacuum
 *       the first scans of each table write every page back, and every scan until then checks each row's
 *       transaction; frozen and all-visible, the tables scan the same from the first run on;</li>
 *   <li>MariaDB/MySQL: {@code LOAD DATA LOCAL INFILE} fed from the generator through a pipe (no file on
 *       disk) when the server allows local infile, otherwise batched prepared INSERTs; primary key
 *       declared up front (InnoDB clusters by it, and the generator emits rows in key order),
 *       {@code ANALYZE TABLE};</li>
 *   <li>DuckDB: its appender, without primary keys (DuckDB does not need them to plan, and their
 *       indexes slow the load).</li>
 * </ul>
 * Each loaded namespace gets a marker table {@value #MARKER_TABLE} holding the scale factor, written
 * last, so a complete load at a scale factor can be recognised and skipped.
 */
public final class TpchLoader {
    public static final String MARKER_TABLE = "tpch_scale_factor";

    /** Progress callback: rows written so far while a table loads, and the total after each table. */
    @FunctionalInterface
    public interface Progress {
        void tableLoaded(String database, String table, long rows, long millis);

        /** Called from time to time while {@code table} loads; may come from a generating thread. */
        default void rowsWritten(String database, String table, long rowsSoFar) {
        }

        Progress NONE = (database, table, rows, millis) -> {
        };
    }

    private final TpchRowGenerator generator;
    private final Progress progress;

    public TpchLoader(double scaleFactor, Progress progress) {
        this.generator = new TpchRowGenerator(scaleFactor);
        this.progress = progress;
    }

    public double scaleFactor() {
        return generator.scaleFactor();
    }

    /** Replaces {@code tables} in PostgreSQL schema {@code schema} (which must exist) with generated data. */
    public void loadPostgres(Connection connection, String schema, List<TpchTableLayout> tables) throws SQLException {
        dropMarker(connection, schema + "." + MARKER_TABLE);
        for (TpchTableLayout table : tables) {
            long start = System.nanoTime();
            String name = schema + "." + table.name();
            execute(connection, "DROP TABLE IF EXISTS " + name, table.createTable(name, false));
            long rows;
            try {
                CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + name + " FROM STDIN");
                try {
                    rows = generator.writeText(table, (bytes, length) -> copy.writeToCopy(bytes, 0, length),
                            soFar -> progress.rowsWritten("postgresql " + schema, table.name(), soFar));
                    copy.endCopy();
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new SQLException("loading " + name + " into PostgreSQL failed: " + e.getMessage(), e);
            }
            execute(connection, table.addPrimaryKey(name), "VACUUM (FREEZE, ANALYZE) " + name);
            progress.tableLoaded("postgresql " + schema, table.name(), rows, (System.nanoTime() - start) / 1_000_000);
        }
        writeMarker(connection, schema + "." + MARKER_TABLE);
    }

    /**
     * Replaces {@code tables} in the MariaDB/MySQL database that {@code url} names with generated data.
     * Opens its own connection because local infile must be enabled on it ({@code allowLocalInfile}).
     */
    public void loadMariaDb(String url, String user, String password, List<TpchTableLayout> tables) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("allowLocalInfile", "true");
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            dropMarker(connection, MARKER_TABLE);
            boolean localInfile = serverAllowsLocalInfile(connection);
            for (TpchTableLayout table : tables) {
                long start = System.nanoTime();
                execute(connection, "DROP TABLE IF EXISTS " + table.name(), table.createTable(table.name(), true));
                long rows = localInfile ? loadDataLocal(connection, table) : insertBatches(connection, table);
                execute(connection, "ANALYZE TABLE " + table.name());
                progress.tableLoaded("mariadb", table.name(), rows, (System.nanoTime() - start) / 1_000_000);
            }
            writeMarker(connection, MARKER_TABLE);
        }
    }

    /** Replaces {@code tables} in the DuckDB database of {@code connection} (schema main) with generated data. */
    public void loadDuckDb(Connection connection, List<TpchTableLayout> tables) throws SQLException {
        dropMarker(connection, MARKER_TABLE);
        for (TpchTableLayout table : tables) {
            long start = System.nanoTime();
            execute(connection, "DROP TABLE IF EXISTS " + table.name(), table.createTable(table.name(), false));
            long rows;
            try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("main", table.name())) {
                rows = generator.forEachRow(table, row -> {
                    appender.beginRow();
                    for (Object value : row) {
                        switch (value) {
                            case Integer i -> appender.append(i.intValue());
                            case BigDecimal d -> appender.append(d);
                            case java.time.LocalDate d -> appender.append(d);
                            case String text -> appender.append(text);
                            default -> throw new IllegalStateException("unexpected generated value " + value.getClass());
                        }
                    }
                    appender.endRow();
                }, soFar -> progress.rowsWritten("duckdb", table.name(), soFar));
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new SQLException("loading " + table.name() + " into DuckDB failed: " + e.getMessage(), e);
            }
            execute(connection, "ANALYZE " + table.name());
            progress.tableLoaded("duckdb", table.name(), rows, (System.nanoTime() - start) / 1_000_000);
        }
        writeMarker(connection, MARKER_TABLE);
    }

    /** The scale factor of a complete earlier load whose marker table is {@code qualifiedMarker}, if any. */
    public static Optional<Double> loadedScaleFactor(Connection connection, String qualifiedMarker) {
        if (!markerExists(connection, qualifiedMarker)) {
            return Optional.empty();
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT scale_factor FROM " + qualifiedMarker)) {
            return rs.next() ? Optional.of(rs.getBigDecimal(1).doubleValue()) : Optional.empty();
        } catch (SQLException e) {
            // No marker table: nothing (complete) was loaded there. PostgreSQL needs the failed
            // statement's transaction cleared only outside autocommit, which callers do not use here.
            return Optional.empty();
        }
    }

    /**
     * Whether the marker table exists, asked of the driver's metadata first: selecting from a missing table would do,
     * but MariaDB's driver logs every failed statement as a warning.
     */
    private static boolean markerExists(Connection connection, String qualifiedMarker) {
        int dot = qualifiedMarker.lastIndexOf('.');
        String schema = dot < 0 ? null : qualifiedMarker.substring(0, dot);
        String table = qualifiedMarker.substring(dot + 1);
        try {
            DatabaseMetaData metadata = connection.getMetaData();
            // MariaDB calls a database a catalog; PostgreSQL and DuckDB have schemas
            String catalog = schema == null ? connection.getCatalog() : null;
            try (ResultSet rs = metadata.getTables(catalog, schema, table, null)) {
                return rs.next();
            }
        } catch (SQLException e) {
            return true; // let the SELECT decide
        }
    }

    private long loadDataLocal(Connection connection, TpchTableLayout table) throws SQLException {
        PipedInputStream in;
        PipedOutputStream out = new PipedOutputStream();
        try {
            in = new PipedInputStream(out, TpchRowGenerator.CHUNK_BYTES);
        } catch (IOException e) {
            throw new SQLException("cannot open a pipe for LOAD DATA: " + e.getMessage(), e);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] rows = new long[1];
        Thread producer = Thread.ofPlatform().name("tpch-generate-" + table.name()).start(() -> {
            try (out) {
                rows[0] = generator.writeText(table, (bytes, length) -> out.write(bytes, 0, length),
                        soFar -> progress.rowsWritten("mariadb", table.name(), soFar));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        try (Statement statement = connection.createStatement()) {
            statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
            statement.execute("LOAD DATA LOCAL INFILE 'tpch-" + table.name() + ".tbl' INTO TABLE " + table.name()
                    + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'");
        } finally {
            try {
                in.close(); // unblocks the producer if the statement failed midway
            } catch (IOException ignored) {
                // closing a pipe's read end does not fail in a way that matters here
            }
            joinQuietly(producer);
        }
        if (failure.get() != null) {
            throw new SQLException("generating " + table.name() + " failed: " + failure.get().getMessage(), failure.get());
        }
        return rows[0];
    }

    private long insertBatches(Connection connection, TpchTableLayout table) throws SQLException {
        String placeholders = String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?"));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table.name() + " VALUES (" + placeholders + ")")) {
            int[] pending = new int[1];
            long rows = generator.forEachRow(table, row -> {
                for (int i = 0; i < row.length; i++) {
                    insert.setObject(i + 1, row[i] instanceof java.time.LocalDate d ? java.sql.Date.valueOf(d) : row[i]);
                }
                insert.addBatch();
                if (++pending[0] == 10_000) {
                    insert.executeBatch();
                    pending[0] = 0;
                }
            }, soFar -> progress.rowsWritten("mariadb", table.name(), soFar));
            insert.executeBatch();
            connection.commit();
            return rows;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } catch (Exception e) {
            connection.rollback();
            throw new SQLException("loading " + table.name() + " into MariaDB failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static boolean serverAllowsLocalInfile(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@local_infile")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    private void writeMarker(Connection connection, String qualifiedMarker) throws SQLException {
        execute(connection, "CREATE TABLE " + qualifiedMarker + " (scale_factor DECIMAL(12,4) NOT NULL)");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + qualifiedMarker + " VALUES (?)")) {
            insert.setBigDecimal(1, BigDecimal.valueOf(generator.scaleFactor()));
            insert.executeUpdate();
        }
    }

    private static void dropMarker(Connection connection, String qualifiedMarker) throws SQLException {
        execute(connection, "DROP TABLE IF EXISTS " + qualifiedMarker);
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
