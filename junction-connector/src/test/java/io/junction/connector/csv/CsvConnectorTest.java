package io.junction.connector.csv;

import io.junction.connector.SourceConfig;
import io.junction.connector.ResultRows;
import io.junction.connector.SourceQuery;
import io.junction.connector.SourceType;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.ColumnMetadata;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvConnectorTest {
    @TempDir
    Path dir;

    private CsvConnector connector(Map<String, Object> options) {
        return new CsvConnector(new SourceConfig("files", SourceType.CSV, null, null, null, dir.toString(), options));
    }

    private CsvConnector connector() {
        return connector(Map.of());
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
    }

    private static TableMetadata table(CsvConnector c, String name) {
        return c.table("main", name).orElseThrow();
    }

    private static List<JunctionType> types(TableMetadata t) {
        return t.columns().stream().map(ColumnMetadata::type).toList();
    }

    /** Scans the given columns and returns all rows as boxed values, checking the batch size limit. */
    private static List<List<Object>> scan(CsvConnector c, TableMetadata t, int... columns) {
        List<JunctionType> out = Arrays.stream(columns).mapToObj(i -> t.columns().get(i).type()).toList();
        List<List<Object>> rows = new ArrayList<>();
        try (BatchStream s = c.execute(new SourceQuery.Scan(t, columns, out))) {
            for (Batch b = s.next(); b != null; b = s.next()) {
                assertThat(b.rowCount()).isBetween(1, Batch.DEFAULT_SIZE);
                for (int r = 0; r < b.rowCount(); r++) {
                    rows.add(b.row(r));
                }
            }
        }
        return rows;
    }

    @Test
    void infersEveryType() throws IOException {
        write("all.csv", """
                i,d,x,b,dt,ts,tsz,tm,s,zip,empty
                1,1.5,1e3,true,2024-01-31,2024-01-31 10:15:00,2024-01-31T10:15:00Z,10:15:00,abc,007,
                -20,22.25,2.5E-1,FALSE,2024-02-29,2024-02-29T23:59:59.123456,2024-01-31 10:15:00+02:00,23:59:59.5,x y,012,
                300,3,4,true,2023-12-01,2023-12-01,2024-01-31T10:15:00Z,00:00:00,1,100,
                """);
        TableMetadata t = table(connector(), "all");
        assertThat(t.columns()).extracting(ColumnMetadata::name)
                .containsExactly("i", "d", "x", "b", "dt", "ts", "tsz", "tm", "s", "zip", "empty");
        assertThat(types(t)).containsExactly(JunctionType.BIGINT, JunctionType.decimal(18, 2), JunctionType.DOUBLE,
                JunctionType.BOOLEAN, JunctionType.DATE, JunctionType.TIMESTAMP, JunctionType.TIMESTAMP_TZ, JunctionType.TIME,
                JunctionType.VARCHAR, JunctionType.VARCHAR, JunctionType.VARCHAR);
        assertThat(t.rowCountEstimate()).hasValue(3);
        assertThat(t.columns().get(0).sourceType()).isEqualTo("BIGINT (inferred)");

        List<List<Object>> rows = scan(connector(), t, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(rows.get(1)).containsExactly(-20L, new BigDecimal("22.25"), 0.25, false, LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000),
                Instant.parse("2024-01-31T08:15:00Z").atOffset(java.time.ZoneOffset.UTC),
                LocalTime.of(23, 59, 59, 500_000_000), "x y", "012", null);
        assertThat(rows.get(2).get(1)).isEqualTo(new BigDecimal("3.00"));
        assertThat(rows.get(2).get(5)).isEqualTo(LocalDateTime.of(2023, 12, 1, 0, 0));
    }

    @Test
    void decimalsTooWideForBigintOrDecimalFallBack() throws IOException {
        write("wide.csv", "big,huge\n12345678901234567890,1234567890123456789012345678901234567890\n");
        assertThat(types(table(connector(), "wide"))).containsExactly(JunctionType.decimal(20, 0), JunctionType.VARCHAR);
    }

    @Test
    void overridesReplaceInferredTypes() throws IOException {
        write("orders.csv", "id,amount,code\n1,10.5,42\n2,7,43\n");
        CsvConnector c = connector(Map.of("types", Map.of("orders", Map.of("amount", "DECIMAL(10,2)", "code", "varchar", "id", "integer"))));
        TableMetadata t = table(c, "orders");
        assertThat(types(t)).containsExactly(JunctionType.INTEGER, JunctionType.decimal(10, 2), JunctionType.VARCHAR);
        assertThat(t.columns().get(1).sourceType()).isEqualTo("DECIMAL(10,2) (configured)");
        assertThat(scan(c, t, 1, 2)).containsExactly(List.of(new BigDecimal("10.50"), "42"), List.of(new BigDecimal("7.00"), "43"));
    }

    @Test
    void badOverridesAreConfigErrors() throws IOException {
        write("orders.csv", "id\n1\n");
        assertThatThrownBy(() -> connector(Map.of("types", Map.of("orders", Map.of("id", "MONEY")))))
                .isInstanceOf(JunctionException.class).hasMessageContaining("types.orders.id").hasMessageContaining("unknown type 'MONEY'")
                .extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.CONFIG_ERROR);
        CsvConnector c = connector(Map.of("types", Map.of("orders", Map.of("nope", "BIGINT"))));
        assertThatThrownBy(() -> c.table("main", "orders")).hasMessageContaining("types.orders.nope names no column; the header has id");
        assertThatThrownBy(() -> connector(Map.of("sample_row", 5))).hasMessageContaining("unknown setting 'sample_row'");
    }

    @Test
    void emptyFieldsAndConfiguredMarkersAreNull() throws IOException {
        write("n.csv", "a,b,c\n1,x,NULL\n,NULL,\\N\n3,,2.5\n4\n");
        CsvConnector c = connector(Map.of("null_string", List.of("NULL", "\\N")));
        TableMetadata t = table(c, "n");
        assertThat(types(t)).containsExactly(JunctionType.BIGINT, JunctionType.VARCHAR, JunctionType.decimal(18, 1));
        assertThat(scan(c, t, 0, 1, 2)).containsExactly(
                Arrays.asList(1L, "x", null), Arrays.asList(null, null, null), Arrays.asList(3L, null, new BigDecimal("2.5")),
                Arrays.asList(4L, null, null));
    }

    @Test
    void rowsWithMoreFieldsThanTheHeaderAreReportedAsMalformed() throws IOException {
        write("x.csv", "a,b\n1,2\n3,4,5\n");
        CsvConnector c = connector();
        assertThatThrownBy(() -> table(c, "x")).isInstanceOf(JunctionException.class)
                .hasMessageContaining("csv source 'files', table x").hasMessageContaining("malformed CSV");
    }

    @Test
    void quotingEmbeddedNewlinesBomAndNonAsciiText() throws IOException {
        write("people.csv", "\uFEFFid,name,note\n1,\"Müller, Jürgen\",\"line one\nline two\"\n2,東京,\"she said \"\"hi\"\"\"\n3,Zoë,\n");
        CsvConnector c = connector();
        TableMetadata t = table(c, "people");
        assertThat(t.columns().get(0).name()).isEqualTo("id");
        assertThat(scan(c, t, 1, 2)).containsExactly(
                List.of("Müller, Jürgen", "line one\nline two"), List.of("東京", "she said \"hi\""), Arrays.asList("Zoë", null));
    }

    @Test
    void projectsColumnsInRequestedOrder() throws IOException {
        write("p.csv", "a,b,c,d\n1,x,2024-01-01,true\n2,y,2024-01-02,false\n");
        CsvConnector c = connector();
        TableMetadata t = table(c, "p");
        assertThat(scan(c, t, 3, 0)).containsExactly(List.of(true, 1L), List.of(false, 2L));
        assertThat(scan(c, t)).hasSize(2).allSatisfy(r -> assertThat(r).isEmpty());
    }

    @Test
    void streamsLargeFilesInBatches() throws IOException {
        StringBuilder sb = new StringBuilder("id,value\n");
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(',').append(i % 7 == 0 ? "" : i + ".25").append('\n');
        }
        write("big.csv", sb.toString());
        CsvConnector c = connector(Map.of("sample_rows", 100));
        TableMetadata t = table(c, "big");
        assertThat(t.rowCountEstimate().getAsLong()).isBetween(2500L, 10000L);
        List<Integer> batchSizes = new ArrayList<>();
        long sum = 0;
        try (BatchStream s = c.execute(new SourceQuery.Scan(t, new int[] {0}, List.of(JunctionType.BIGINT)))) {
            for (Batch b = s.next(); b != null; b = s.next()) {
                batchSizes.add(b.rowCount());
                for (int r = 0; r < b.rowCount(); r++) {
                    sum += (Long) b.column(0).getObject(r);
                }
            }
        }
        assertThat(batchSizes).containsExactly(2048, 2048, 904);
        assertThat(sum).isEqualTo(4999L * 5000 / 2);
    }

    @Test
    void valueBeyondTheSampleThatDoesNotFitFailsWithLocation() throws IOException {
        StringBuilder sb = new StringBuilder("id,amount\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i).append(",1.5\n");
        }
        sb.append("20,abc\n");
        write("orders.csv", sb.toString());
        CsvConnector c = connector(Map.of("sample_rows", 10));
        TableMetadata t = table(c, "orders");
        assertThatThrownBy(() -> scan(c, t, 1))
                .isInstanceOf(JunctionException.class)
                .hasMessage("csv source 'files', table orders, line 22, column amount: cannot read 'abc' as DECIMAL(18,1); "
                        + "override the type in the catalog with types: { orders: { amount: VARCHAR } } (or another type that fits every row)")
                .extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.INVALID_CAST);
    }

    @Test
    void decimalsAreNeverRounded() throws IOException {
        write("d.csv", "v\n1.25\n1.125\n");
        CsvConnector c = connector(Map.of("sample_rows", 1));
        TableMetadata t = table(c, "d");
        assertThatThrownBy(() -> scan(c, t, 0)).hasMessageContaining("line 3, column v: cannot read '1.125' as DECIMAL(18,2)");
    }

    @Test
    void closingEarlyStopsTheScan() throws IOException {
        StringBuilder sb = new StringBuilder("id\n");
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append('\n');
        }
        write("big.csv", sb.toString());
        CsvConnector c = connector();
        TableMetadata t = table(c, "big");
        BatchStream s = c.execute(new SourceQuery.Scan(t, new int[] {0}, List.of(JunctionType.BIGINT)));
        assertThat(s.next().rowCount()).isEqualTo(2048);
        s.close();
        assertThat(s.next()).isNull();
        s.close();
    }

    @Test
    void listsTablesAndRefreshesMetadataWhenTheFileChanges() throws IOException {
        write("b.csv", "x\n1\n");
        write("A.CSV", "y\nhello\n");
        write("notes.txt", "not a table");
        CsvConnector c = connector();
        assertThat(c.defaultSchema()).isEqualTo("main");
        assertThat(c.tables("main")).containsExactly(new TableInfo("main", "A", TableInfo.Kind.TABLE),
                new TableInfo("main", "b", TableInfo.Kind.TABLE));
        assertThat(c.table("main", "a")).isEmpty();
        assertThat(c.table("main", "notes")).isEmpty();
        assertThat(types(table(c, "b"))).containsExactly(JunctionType.BIGINT);
        TableMetadata first = table(c, "b");
        assertThat(table(c, "b")).isSameAs(first);
        write("b.csv", "x\nnot a number\n");
        Files.setLastModifiedTime(dir.resolve("b.csv"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(types(table(c, "b"))).containsExactly(JunctionType.VARCHAR);
    }

    @Test
    void missingDirectoryIsAConfigErrorNamingSourceAndPath() {
        Map<String, Object> none = new HashMap<>();
        CsvConnector c = new CsvConnector(new SourceConfig("files", SourceType.CSV, null, null, null, dir.resolve("nope").toString(), none));
        assertThatThrownBy(() -> c.tables("main")).isInstanceOf(JunctionException.class)
                .hasMessageContaining("csv source 'files'").hasMessageContaining("nope")
                .extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.CONFIG_ERROR);
        assertThatThrownBy(() -> new CsvConnector(SourceConfig.ofPath("files", SourceType.CSV, null)))
                .hasMessageContaining("needs 'path:'");
    }

    @Test
    void refusesSql() throws IOException {
        CsvConnector c = connector();
        assertThat(c.dialect()).isEmpty();
        assertThatThrownBy(() -> c.execute(new SourceQuery.Sql("SELECT 1", List.of(JunctionType.INTEGER))))
                .isInstanceOf(JunctionException.class)
                .extracting(e -> ((JunctionException) e).code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void parsesTypeNames() {
        assertThat(TypeNameParser.parse("decimal( 10 , 2 )")).isEqualTo(JunctionType.decimal(10, 2));
        assertThat(TypeNameParser.parse("NUMERIC(5)")).isEqualTo(JunctionType.decimal(5, 0));
        assertThat(TypeNameParser.parse("varchar(20)")).isEqualTo(JunctionType.varchar(20));
        assertThat(TypeNameParser.parse("timestamp with time zone")).isEqualTo(JunctionType.TIMESTAMP_TZ);
        assertThat(TypeNameParser.parse("SMALLINT")).isEqualTo(JunctionType.SMALLINT);
        assertThat(TypeNameParser.parse("real")).isEqualTo(JunctionType.REAL);
        assertThatThrownBy(() -> TypeNameParser.parse("DECIMAL(40,2)")).hasMessageContaining("precision must be 1 to 38");
        assertThatThrownBy(() -> TypeNameParser.parse("BIGINT(3,2)")).hasMessageContaining("unknown type");
    }
}
