package io.junction.slt;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Three tables of random rows for the differential test, the same for a given seed: many NULLs, skewed join
 * keys (one value holds about half the rows), duplicate keys, empty strings and non-ASCII text, decimals with
 * two fractional digits.
 * <pre>
 * t1 (id INT, a INT, b INT, d DECIMAL(8,2), s VARCHAR, g VARCHAR)   t1.a joins t2.k, t1.b joins t3.k
 * t2 (id INT, k INT, x DECIMAL(6,1), s VARCHAR)
 * t3 (k INT, label VARCHAR, v INT)
 * </pre>
 */
final class RandomDataset {
    private static final String[] TEXTS = {"a", "abc", "", "Zoë", "b_c", "李", "x%y", "ABC", "Ärger"};
    private static final String[] GROUPS = {"red", "red", "red", "green", "blue", "blau"};

    final List<Object[]> t1 = new ArrayList<>();
    final List<Object[]> t2 = new ArrayList<>();
    final List<Object[]> t3 = new ArrayList<>();

    RandomDataset(long seed) {
        Random random = new Random(seed);
        for (int id = 1; id <= 150; id++) {
            t1.add(new Object[]{id, skewed(random, 20), nullable(random, random.nextInt(12)),
                    nullable(random, BigDecimal.valueOf(random.nextInt(20_001) - 10_000, 2)), nullable(random, pick(random, TEXTS)),
                    nullable(random, pick(random, GROUPS))});
        }
        for (int id = 1; id <= 90; id++) {
            t2.add(new Object[]{id, skewed(random, 25), nullable(random, BigDecimal.valueOf(random.nextInt(2001) - 1000, 1)),
                    nullable(random, pick(random, TEXTS))});
        }
        for (int i = 0; i < 25; i++) {
            t3.add(new Object[]{nullable(random, random.nextInt(10)), nullable(random, pick(random, TEXTS) + (i % 3 == 0 ? "" : i)),
                    nullable(random, random.nextInt(30) - 5)});
        }
    }

    /** Creates and fills {@code tables} (a subset of t1, t2, t3) through {@code c}, in that source's SQL. */
    void load(Connection c, List<String> tables) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (tables.contains("t1")) {
                s.execute("CREATE TABLE t1 (id INT PRIMARY KEY, a INT, b INT, d DECIMAL(8,2), s VARCHAR(20), g VARCHAR(10))");
            }
            if (tables.contains("t2")) {
                s.execute("CREATE TABLE t2 (id INT PRIMARY KEY, k INT, x DECIMAL(6,1), s VARCHAR(20))");
            }
            if (tables.contains("t3")) {
                s.execute("CREATE TABLE t3 (k INT, label VARCHAR(20), v INT)");
            }
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        if (tables.contains("t1")) {
            insert(c, "INSERT INTO t1 VALUES (?, ?, ?, ?, ?, ?)", t1);
        }
        if (tables.contains("t2")) {
            insert(c, "INSERT INTO t2 VALUES (?, ?, ?, ?)", t2);
        }
        if (tables.contains("t3")) {
            insert(c, "INSERT INTO t3 VALUES (?, ?, ?)", t3);
        }
        c.commit();
        c.setAutoCommit(auto);
    }

    private static void insert(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** About half the rows share key 1, the rest spread over {@code range}, one in eight NULL. */
    private static Integer skewed(Random random, int range) {
        int r = random.nextInt(8);
        return r == 0 ? null : r <= 4 ? 1 : random.nextInt(range) - 2;
    }

    private static <T> T nullable(Random random, T value) {
        return random.nextInt(6) == 0 ? null : value;
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
