package io.junction.exec.spill;

import io.junction.exec.Rows;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.junction.exec.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

class SpillFileTest {
    @TempDir
    Path dir;

    private static final List<JunctionType> TYPES = List.of(JunctionType.BIGINT, JunctionType.DOUBLE, JunctionType.BOOLEAN,
            JunctionType.decimal(38, 2), JunctionType.VARCHAR, JunctionType.VARBINARY, JunctionType.DATE, JunctionType.TIMESTAMP,
            JunctionType.INTEGER);

    @Test
    void roundTripsEveryVectorKindWithNullsAcrossBatches() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean nulls = i % 7 == 3;
            rows.add(nulls ? row(null, null, null, null, null, null, null, null, null) : row(
                    (long) i * 1_000_000_007L - 5, i == 5 ? -0.0 : i / 3.0, i % 2 == 0,
                    i % 11 == 0 ? new BigDecimal("123456789012345678901234567890.25").negate() : BigDecimal.valueOf(i * 101L - 77, 2),
                    i % 5 == 0 ? "" : "zeile " + i + " ✓ 李雷 😀", new byte[] {(byte) i, 0, (byte) -i},
                    LocalDate.of(1900, 1, 1).plusDays(i * 400L), LocalDateTime.of(2024, 2, 29, 23, 59, 59).plusNanos(i * 1000L), i));
        }
        SpillSpace space = new SpillSpace(dir.resolve("spill"));
        SpillFileWriter writer = space.create(TYPES, "test");
        Batch batch;
        var values = Rows.values(TYPES, 128, rows);
        while ((batch = values.next()) != null) {
            writer.write(batch);
        }
        SpillFile file = writer.finish();
        assertThat(file.rowCount()).isEqualTo(300);

        List<List<Object>> read = new ArrayList<>();
        try (SpillFileReader reader = file.open()) {
            while ((batch = reader.next()) != null) {
                for (int i = 0; i < batch.rowCount(); i++) {
                    read.add(batch.row(i));
                }
            }
        }
        assertThat(read).hasSize(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<Object> expected = rows.get(r);
            List<Object> actual = read.get(r);
            for (int c = 0; c < expected.size(); c++) {
                if (expected.get(c) instanceof byte[] bytes) {
                    assertThat((byte[]) actual.get(c)).isEqualTo(bytes);
                } else if (expected.get(c) instanceof Double d) {
                    assertThat(Double.doubleToRawLongBits((Double) actual.get(c))).isEqualTo(Double.doubleToRawLongBits(d));
                } else {
                    assertThat(actual.get(c)).as("row %d column %d", r, c).isEqualTo(expected.get(c));
                }
            }
        }
        file.delete();
        space.close();
        assertThat(dir.resolve("spill")).isEmptyDirectory();
    }

    @Test
    void closingTheSpaceDeletesFilesLeftBehind() throws Exception {
        SpillSpace space = new SpillSpace(dir);
        SpillFileWriter unfinished = space.create(List.of(JunctionType.BIGINT), "a");
        unfinished.write(Rows.batch(List.of(JunctionType.BIGINT), List.of(row(1L))));
        SpillFile finished = space.create(List.of(JunctionType.BIGINT), "b").finish();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(2);
        }
        assertThat(finished.path()).exists();
        space.close();
        assertThat(dir).isEmptyDirectory();
    }
}
