package io.junction.exec.vector;

import io.junction.exec.Rows;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.junction.exec.Rows.row;
import static io.junction.types.JunctionType.BIGINT;
import static io.junction.types.JunctionType.DATE;
import static io.junction.types.JunctionType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkedRowsTest {
    private static final List<JunctionType> TYPES = List.of(BIGINT, VARCHAR, DATE, BIGINT);
    /** The long columns 0 and 3 held row-wise, the text column and the date column as vectors. */
    private static final boolean[] INTERLEAVE = {true, false, false, true};

    /** Row i: (i, 's' || i, date i, -i), with NULLs at different rows in each column. */
    private static List<List<Object>> rows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(row(i % 7 == 0 ? null : (long) i, i % 5 == 0 ? null : "s" + i,
                    i % 11 == 0 ? null : java.time.LocalDate.ofEpochDay(i), i % 13 == 0 ? null : (long) -i));
        }
        return rows;
    }

    /** The rows appended in batches of {@code batchSize} (uneven sizes make appends straddle chunk boundaries). */
    private static ChunkedRows holding(List<List<Object>> rows, int batchSize, boolean[] interleave) {
        ChunkedRows held = new ChunkedRows(TYPES, interleave);
        var input = Rows.values(TYPES, batchSize, rows);
        Batch batch;
        while ((batch = input.next()) != null) {
            held.append(batch);
        }
        return held;
    }

    private static List<List<Object>> rowsOf(Batch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < batch.rowCount(); i++) {
            rows.add(batch.row(i));
        }
        return rows;
    }

    @Test
    void interleavedColumnsHoldTheSameRowsAsVectorsAcrossChunkBoundaries() {
        List<List<Object>> rows = rows(5000);
        ChunkedRows interleaved = holding(rows, 700, INTERLEAVE);
        assertThat(interleaved.chunkCount()).isEqualTo(3);
        assertThat(interleaved.rowWidth()).isEqualTo(2);
        assertThat(rowsOf(interleaved.toBatch())).isEqualTo(rows);
        List<List<Object>> chunked = new ArrayList<>();
        for (int c = 0; c < interleaved.chunkCount(); c++) {
            chunked.addAll(rowsOf(interleaved.chunk(c)));
        }
        assertThat(chunked).isEqualTo(rows);

        // ids chosen across all three chunks, some repeated, out of order
        int[] ids = {4999, 0, 2047, 2048, 4095, 4096, 7, 2048, 13, 3000};
        List<List<Object>> expected = new ArrayList<>();
        for (int id : ids) {
            expected.add(rows.get(id));
        }
        assertThat(rowsOf(interleaved.gather(ids, ids.length))).isEqualTo(expected);
        assertThat(rowsOf(holding(rows, 700, new boolean[4]).gather(ids, ids.length))).isEqualTo(expected);
        assertThat(interleaved.gather(3, ids, ids.length).getObject(5)).isEqualTo(-4096L);
        for (int id : ids) {
            assertThat(interleaved.isNull(0, id)).isEqualTo(rows.get(id).get(0) == null);
            assertThat(interleaved.isNull(1, id)).isEqualTo(rows.get(id).get(1) == null);
        }
        long[] row4096 = interleaved.rowChunks()[2];
        assertThat(row4096[interleaved.rowOffset(3)]).isEqualTo(-4096L);
        assertThat(((LongVector) interleaved.chunkColumns(1, new int[] {3, 1})[0]).get(1)).isEqualTo(-2049L);
        assertThatThrownBy(() -> interleaved.columnChunks(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void smallFirstChunkGrowsRowByRow() {
        List<List<Object>> rows = rows(40);
        ChunkedRows held = new ChunkedRows(TYPES, INTERLEAVE);
        Batch all = Rows.batch(TYPES, rows);
        for (int i = 0; i < rows.size(); i++) {
            held.appendRow(all, i);
        }
        assertThat(held.chunkCount()).isEqualTo(1);
        assertThat(rowsOf(held.toBatch())).isEqualTo(rows);
        held.append(Rows.batch(TYPES, rows(3)));
        assertThat(rowsOf(held.toBatch()).subList(40, 43)).isEqualTo(rows(3));
    }

    @Test
    void onlyLongColumnsCanBeInterleaved() {
        assertThatThrownBy(() -> new ChunkedRows(TYPES, new boolean[] {false, true, false, false}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
