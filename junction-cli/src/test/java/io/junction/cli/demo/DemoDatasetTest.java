package io.junction.cli.demo;

import io.junction.catalog.CatalogConfig;
import io.junction.connector.SourceConfig;
import io.junction.connector.SourceQuery;
import io.junction.connector.SourceType;
import io.junction.connector.TableMetadata;
import io.junction.connector.csv.CsvConnector;
import io.junction.types.ColumnMetadata;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDatasetTest {
    @TempDir
    Path dir;

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void createsThreeSourcesAndACatalogDescribingThem() throws Exception {
        Path catalog = DemoDataset.ensure(dir);

        String sqlite = "jdbc:sqlite:" + dir.resolve(DemoDataset.SQLITE_FILE);
        assertThat(count(sqlite, "SELECT COUNT(*) FROM customers")).isEqualTo(DemoDataset.CUSTOMERS);
        assertThat(count(sqlite, "SELECT COUNT(*) FROM countries")).isEqualTo(DemoDataset.COUNTRIES.size());
        assertThat(count(sqlite, "SELECT COUNT(*) FROM customers WHERE name GLOB '*[^ -~]*'")).isPositive();

        String duckdb = "jdbc:duckdb:" + dir.resolve(DemoDataset.DUCKDB_FILE);
        assertThat(count(duckdb, "SELECT COUNT(*) FROM orders")).isEqualTo(DemoDataset.ORDERS);
        assertThat(count(duckdb, "SELECT COUNT(*) FROM orders WHERE amount IS NULL")).isPositive();
        assertThat(count(duckdb, "SELECT COUNT(*) FROM orders WHERE quantity IS NULL")).isPositive();

        List<SourceConfig> sources = CatalogConfig.load(catalog);
        assertThat(sources).extracting(SourceConfig::name).containsExactly("crm", "sales", "files");
        assertThat(sources).extracting(SourceConfig::type).containsExactly(SourceType.SQLITE, SourceType.DUCKDB, SourceType.CSV);

        try (CsvConnector csv = new CsvConnector(sources.get(2))) {
            TableMetadata products = csv.table("main", "products").orElseThrow();
            assertThat(products.columns()).extracting(ColumnMetadata::type)
                    .containsExactly(JunctionType.BIGINT, JunctionType.VARCHAR, JunctionType.VARCHAR, JunctionType.decimal(10, 2));
            long rows = 0;
            try (BatchStream s = csv.execute(new SourceQuery.Scan(products, new int[] {1, 3},
                    List.of(JunctionType.VARCHAR, JunctionType.decimal(10, 2))))) {
                for (Batch b = s.next(); b != null; b = s.next()) {
                    rows += b.rowCount();
                }
            }
            assertThat(rows).isEqualTo(DemoDataset.PRODUCTS);
        }
    }

    @Test
    void keepsExistingFilesAndRecreatesMissingOnesIdentically() throws Exception {
        DemoDataset.ensure(dir);
        Path sqlite = dir.resolve(DemoDataset.SQLITE_FILE);
        Path csv = dir.resolve(DemoDataset.CSV_DIRECTORY).resolve("products.csv");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(sqlite, old);
        String products = Files.readString(csv);
        Files.delete(csv);

        DemoDataset.ensure(dir);

        assertThat(Files.getLastModifiedTime(sqlite)).isEqualTo(old);
        assertThat(Files.readString(csv)).isEqualTo(products);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder(DemoDataset.SQLITE_FILE, DemoDataset.DUCKDB_FILE,
                DemoDataset.CSV_DIRECTORY, DemoDataset.CATALOG_FILE);
    }
}
