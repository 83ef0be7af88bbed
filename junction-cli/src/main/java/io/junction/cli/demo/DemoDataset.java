package io.junction.cli.demo;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's three sources, generated on the fly into a directory with a catalog describing them:
 * <ul>
 *   <li>{@code crm} — SQLite file {@value #SQLITE_FILE}: {@code customers} (id, name, country, signup_date)
 *       and {@code countries} (code, name, region);</li>
 *   <li>{@code sales} — DuckDB file {@value #DUCKDB_FILE}: {@code orders} (id, customer_id, product_id,
 *       quantity, amount DECIMAL(10,2), ordered_at TIMESTAMP) with some NULL quantities and amounts;</li>
 *   <li>{@code files} — CSV directory {@value #CSV_DIRECTORY}: {@code products.csv} (id, name, category, price).</li>
 * </ul>
 * The data comes from a fixed-seed generator, so every run produces the same rows. Files that already
 * exist are kept; missing ones are (re)created, each written under a temporary name and moved into
 * place so an interrupted run never leaves a half-written source behind.
 */
public final class DemoDataset {
    public static final String SQLITE_FILE = "crm.db";
    public static final String DUCKDB_FILE = "sales.duckdb";
    public static final String CSV_DIRECTORY = "files";
    public static final String CATALOG_FILE = "junction.yaml";
    public static final int CUSTOMERS = 2000;
    public static final int ORDERS = 5000;
    public static final int PRODUCTS = 200;

    private static final long SEED = 20240601L;

    record Country(String code, String name, String region) {
    }

    record Customer(int id, String name, String country, LocalDate signupDate) {
    }

    record Product(int id, String name, String category, BigDecimal price) {
    }

    record Order(long id, int customerId, int productId, Integer quantity, BigDecimal amount, LocalDateTime orderedAt) {
    }

    static final List<Country> COUNTRIES = List.of(
            new Country("US", "United States", "Americas"), new Country("BR", "Brasil", "Americas"),
            new Country("CA", "Canada", "Americas"), new Country("DE", "Deutschland", "Europe"),
            new Country("FR", "France", "Europe"), new Country("ES", "España", "Europe"),
            new Country("SE", "Sverige", "Europe"), new Country("PL", "Polska", "Europe"),
            new Country("TR", "Türkiye", "Europe"), new Country("CI", "Côte d'Ivoire", "Africa"),
            new Country("NG", "Nigeria", "Africa"), new Country("JP", "日本", "Asia"),
            new Country("IN", "India", "Asia"), new Country("KR", "대한민국", "Asia"),
            new Country("AU", "Australia", "Oceania"));
    private static final String[] FIRST_NAMES = {"Anna", "José", "Zoë", "Søren", "Łukasz", "Chloé", "Mia", "Noah",
            "Björn", "Ángel", "Aiko", "Raj", "Fatima", "Olu", "Liam", "Emma", "Çağla", "Jürgen", "Ines", "Wei"};
    private static final String[] LAST_NAMES = {"Smith", "García", "Müller", "Nowak", "Dubois", "Andersson", "Yılmaz",
            "Silva", "Kowalski", "Rossi", "Tanaka", "佐藤", "김", "Patel", "Okafor", "Brown", "Lefèvre", "Novák", "O'Brien", "Ødegaard"};
    private static final String[] CATEGORIES = {"Kitchen", "Garden", "Office", "Toys", "Sports", "Books"};
    private static final String[] ADJECTIVES = {"Classic", "Deluxe", "Compact", "Eco", "Smart", "Heavy-duty", "Mini", "Pro"};
    private static final String[] NOUNS = {"Kettle", "Lamp", "Chair", "Shovel", "Notebook", "Ball", "Puzzle", "Bottle", "Desk", "Racket"};

    private final List<Customer> customers = new ArrayList<>();
    private final List<Product> products = new ArrayList<>();
    private final List<Order> orders = new ArrayList<>();

    private DemoDataset() {
        Random random = new Random(SEED);
        for (int id = 1; id <= PRODUCTS; id++) {
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)];
            if (id % 25 == 0) {
                name += ", \"limited\" edition"; // exercises CSV quoting
            }
            products.add(new Product(id, name, CATEGORIES[random.nextInt(CATEGORIES.length)],
                    BigDecimal.valueOf(200 + random.nextInt(29_800), 2)));
        }
        LocalDate firstSignup = LocalDate.of(2020, 1, 1);
        for (int id = 1; id <= CUSTOMERS; id++) {
            customers.add(new Customer(id, FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[random.nextInt(LAST_NAMES.length)],
                    COUNTRIES.get(random.nextInt(COUNTRIES.size())).code(), firstSignup.plusDays(random.nextInt(5 * 365))));
        }
        LocalDateTime firstOrder = LocalDateTime.of(2024, 1, 1, 0, 0);
        for (long id = 1; id <= ORDERS; id++) {
            Product product = products.get(random.nextInt(PRODUCTS));
            int units = 1 + random.nextInt(5);
            Integer quantity = random.nextInt(100) < 2 ? null : units;
            BigDecimal amount = random.nextInt(100) < 3 ? null : product.price().multiply(BigDecimal.valueOf(units));
            orders.add(new Order(id, 1 + random.nextInt(CUSTOMERS), product.id(), quantity, amount,
                    firstOrder.plusSeconds(random.nextInt(366 * 24 * 3600))));
        }
    }

    /** Creates whatever is missing of the demo in {@code directory} and returns its catalog file. */
    public static Path ensure(Path directory) {
        DemoDataset data = new DemoDataset();
        try {
            Files.createDirectories(directory.resolve(CSV_DIRECTORY));
            createIfMissing(directory.resolve(SQLITE_FILE), data::writeSqlite);
            createIfMissing(directory.resolve(DUCKDB_FILE), data::writeDuckDb);
            createIfMissing(directory.resolve(CSV_DIRECTORY).resolve("products.csv"), data::writeProducts);
            createIfMissing(directory.resolve(CATALOG_FILE), DemoDataset::writeCatalog);
        } catch (IOException | SQLException e) {
            throw new JunctionException(ErrorCode.CONFIG_ERROR, "cannot create the demo data in " + directory.toAbsolutePath()
                    + ": " + e.getMessage() + "; choose another directory with --dir", e);
        }
        return directory.resolve(CATALOG_FILE);
    }

    private interface FileWriter {
        void write(Path target) throws IOException, SQLException;
    }

    private static void createIfMissing(Path target, FileWriter writer) throws IOException, SQLException {
        if (Files.exists(target)) {
            return;
        }
        Path temporary = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(temporary);
        try {
            writer.write(temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(temporary.resolveSibling(temporary.getFileName() + ".wal"));
        }
    }

    private void writeSqlite(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE countries (code TEXT PRIMARY KEY, name TEXT NOT NULL, region TEXT NOT NULL)");
            // SQLite has no date type: the date is ISO text in a column declared DATE, which is how such files usually look.
            s.executeUpdate("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL "
                    + "REFERENCES countries(code), signup_date DATE NOT NULL)");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO countries VALUES (?, ?, ?)")) {
                for (Country country : COUNTRIES) {
                    insert.setString(1, country.code());
                    insert.setString(2, country.name());
                    insert.setString(3, country.region());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?)")) {
                for (Customer customer : customers) {
                    insert.setInt(1, customer.id());
                    insert.setString(2, customer.name());
                    insert.setString(3, customer.country());
                    insert.setString(4, customer.signupDate().toString());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    private void writeDuckDb(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id INTEGER NOT NULL, product_id INTEGER NOT NULL, "
                    + "quantity INTEGER, amount DECIMAL(10,2), ordered_at TIMESTAMP NOT NULL)");
            try (DuckDBAppender appender = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "orders")) {
                for (Order order : orders) {
                    appender.beginRow();
                    appender.append(order.id());
                    appender.append(order.customerId());
                    appender.append(order.productId());
                    if (order.quantity() == null) {
                        appender.appendNull();
                    } else {
                        appender.append(order.quantity().intValue());
                    }
                    if (order.amount() == null) {
                        appender.appendNull();
                    } else {
                        appender.append(order.amount());
                    }
                    appender.append(order.orderedAt());
                    appender.endRow();
                }
            }
            s.execute("CHECKPOINT");
        }
    }

    private void writeProducts(Path file) throws IOException {
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(file, StandardCharsets.UTF_8)) {
            csv.writeRecord("id", "name", "category", "price");
            for (Product p : products) {
                csv.writeRecord(Integer.toString(p.id()), p.name(), p.category(), p.price().toPlainString());
            }
        }
    }

    private static void writeCatalog(Path file) throws IOException {
        Files.writeString(file, """
                # The Junction demo catalog, written by 'junction demo'. Paths are relative to this file.
                sources:
                  crm:
                    type: sqlite
                    path: %s
                  sales:
                    type: duckdb
                    path: %s
                  files:
                    type: csv
                    path: %s
                    types:
                      products: { price: "DECIMAL(10,2)" }
                """.formatted(SQLITE_FILE, DUCKDB_FILE, CSV_DIRECTORY), StandardCharsets.UTF_8);
    }
}
