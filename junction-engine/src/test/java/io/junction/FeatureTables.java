package io.junction;

import io.junction.connector.TestDatabases;

import java.util.ArrayList;
import java.util.List;

/**
 * Small tables for the engine feature tests: NULLs in every column, duplicate keys and values, negative and
 * zero numbers, and an empty table.
 */
final class FeatureTables {
    private FeatureTables() {
    }

    static void create(TestDatabases pg) {
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE t (id INT PRIMARY KEY, g INT, x NUMERIC(10,2), d DOUBLE PRECISION, s TEXT, b BOOLEAN, dt DATE, ts TIMESTAMP)");
        StringBuilder rows = new StringBuilder("INSERT INTO t VALUES ");
        String[] words = {"apple", "Banana", "cherry", "apple", "date", "Élan", "fig", "a_b", "100%", "grape"};
        for (int i = 1; i <= 40; i++) {
            String g = i % 9 == 0 ? "NULL" : Integer.toString(i % 4);
            String x = i % 7 == 0 ? "NULL" : String.format(java.util.Locale.ROOT, "%d.%02d", (i * 37) % 23 - 8, (i * 13) % 4 * 25);
            String d = i % 11 == 0 ? "NULL" : Double.toString((i % 6) * 1.25 - 2);
            String s = i % 8 == 0 ? "NULL" : "'" + words[i % words.length] + "'";
            String b = i % 5 == 0 ? "NULL" : (i % 3 == 0 ? "false" : "true");
            String dt = i % 10 == 0 ? "NULL" : "DATE '2024-01-28' + " + (i * 3 % 17);
            String ts = i % 12 == 0 ? "NULL" : "TIMESTAMP '2024-02-27 22:30:00' + INTERVAL '" + (i * 7919 % 100000) + " minutes'";
            rows.append(i > 1 ? ", " : "").append('(').append(String.join(", ", Integer.toString(i), g, x, d, s, b, dt, ts)).append(')');
        }
        statements.add(rows.toString());
        statements.add("CREATE TABLE u (id INT, g INT, s TEXT)");
        statements.add("INSERT INTO u VALUES (1, 1, 'apple'), (2, 1, 'apple'), (3, 2, NULL), (4, NULL, NULL), (5, NULL, NULL), "
                + "(6, 3, 'fig'), (7, 0, 'Banana'), (8, 0, 'Banana'), (9, 0, 'Banana'), (10, 5, 'kiwi')");
        statements.add("CREATE TABLE empty_t (id INT, g INT, x NUMERIC(10,2), s TEXT)");
        statements.add("ANALYZE");
        pg.execute(statements.toArray(String[]::new));
    }
}
