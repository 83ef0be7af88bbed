package io.junction.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI running real queries across a SQLite file and a CSV directory. */
class CliQueryTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String config;

    @BeforeEach
    void catalog() throws Exception {
        Files.createDirectories(dir.resolve("csv"));
        Files.writeString(dir.resolve("csv/products.csv"), "id,name,price\n1,Kettle,19.90\n2,Teekanne \"Ü\",\n3,Mug,4.50\n");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("shop.db")); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, product_id INTEGER, quantity INTEGER)");
            s.execute("INSERT INTO orders VALUES (1, 1, 2), (2, 2, 1), (3, 1, 5), (4, 9, 1)");
        }
        Files.writeString(dir.resolve("junction.yaml"), "sources:\n  shop: { type: sqlite, path: shop.db }\n  files: { type: csv, path: csv }\n");
        config = dir.resolve("junction.yaml").toString();
    }

    private int run(String stdin, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config;
        System.arraycopy(args, 0, all, 2, args.length);
        return JunctionCli.run(all, new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), false);
    }

    private static final String JOIN = "SELECT p.name, SUM(o.quantity) AS qty FROM shop.orders o JOIN files.products p "
            + "ON p.id = o.product_id GROUP BY p.name ORDER BY qty DESC";

    @Test
    void sqlPrintsATable() {
        assertThat(run("", "sql", JOIN)).isZero();
        assertThat(out.toString().lines()).containsExactly(
                " name         | qty",
                "--------------+-----",
                " Kettle       |   7",
                " Teekanne \"Ü\" |   1",
                "(2 rows)");
    }

    @Test
    void sqlPrintsCsvAndJson() {
        assertThat(run("", "sql", "--format", "csv", JOIN)).isZero();
        assertThat(out.toString()).isEqualTo("name,qty\r\nKettle,7\r\n\"Teekanne \"\"Ü\"\"\",1\r\n");
        out.getBuffer().setLength(0);
        assertThat(run("", "sql", "--format", "json", "SELECT id, price FROM files.products ORDER BY id")).isZero();
        assertThat(out.toString()).isEqualTo("[\n{\"id\": 1, \"price\": \"19.90\"},\n{\"id\": 2, \"price\": null},\n{\"id\": 3, \"price\": \"4.50\"}\n]\n");
    }

    @Test
    void explainShowsEachSourcesWork() {
        assertThat(run("", "explain", JOIN)).isZero();
        // the three CSV rows are few enough that their keys may be shipped to SQLite (a bind join)
        assertThat(out.toString()).contains("SourceScan[files (csv)]", "HashJoin", "FROM \"main\".\"orders\"")
                .containsAnyOf("SourceScan[shop (sqlite)]", "BindScan[shop (sqlite)");
    }

    @Test
    void describeShowsColumnsAndKey() {
        assertThat(run("", "describe", "shop.orders")).isZero();
        assertThat(out.toString()).contains("product_id").contains("BIGINT");
    }

    @Test
    void statementsPipedOnStdinRunInOrderAndErrorsExitNonZero() {
        assertThat(run("SELECT COUNT(*) AS n FROM shop.orders;\nSELECT name FROM files.products WHERE id = 3;\n")).isZero();
        assertThat(out.toString()).contains(" 4").contains("Mug");
        assertThat(run("", "sql", "SELECT nope FROM shop.orders")).isEqualTo(ExitCode.USER_ERROR);
        assertThat(err.toString()).contains("ERROR 42703 at line 1, column 8").doesNotContain("at io.junction");
    }
}
