package io.junction.exec.vector;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * Rows held in chunks of {@link #CHUNK_SIZE} rows, each chunk one vector per column, and addressed by a
 * dense int row id: chunk {@code id >>> CHUNK_BITS}, position {@code id & CHUNK_MASK}. Unlike one growing
 * vector per column, appending never reallocates or copies what is already held, so the heap used is the
 * rows plus at most one partly filled chunk, and hash tables can point at rows with 4-byte ids. The first
 * chunk starts as small as the first batch and grows, so a small input does not pay for a whole chunk.
 */
public final class ChunkedRows {
    public static final int CHUNK_BITS = 11;
    public static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    public static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private final List<JunctionType> types;
    /** {@code chunks[column][chunk]}; entries past {@link #chunkCount()} are null. */
    private Vector[][] chunks;
    /** Length of each column's chunk array. */
    private int chunkSlots = 8;
    private int chunkCount;
    private int rowCount;

    public ChunkedRows(List<JunctionType> types) {
        this.types = List.copyOf(types);
        this.chunks = new Vector[types.size()][chunkSlots];
    }

    public List<JunctionType> types() {
        return types;
    }

    public int rowCount() {
        return rowCount;
    }

    public int chunkCount() {
        return chunkCount;
    }

    /** Chunk vectors of one column, indexed by {@code id >>> CHUNK_BITS}. */
    public Vector[] columnChunks(int column) {
        return chunks[column];
    }

    /** Chunk {@code index} as a batch of its rows. */
    public Batch chunk(int index) {
        Vector[] columns = new Vector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = chunks[c][index];
        }
        int rows = index < chunkCount - 1 ? CHUNK_SIZE : rowCount - (chunkCount - 1) * CHUNK_SIZE;
        return new Batch(columns, rows);
    }

    /** Appends rows {@code 0..rowCount} of {@code batch}, whose columns match these. */
    public void append(Batch batch) {
        int n = batch.rowCount();
        int from = 0;
        while (from < n) {
            int position = rowCount & CHUNK_MASK;
            if (rowCount == (long) chunkCount * CHUNK_SIZE) {
                addChunk(rowCount == 0 ? Math.min(CHUNK_SIZE, n) : CHUNK_SIZE);
            }
            int take = Math.min(n - from, CHUNK_SIZE - position);
            int last = chunkCount - 1;
            for (int c = 0; c < chunks.length; c++) {
                Vector target = chunks[c][last];
                if (target.capacity() < position + take) {
                    // only the first chunk starts small; it doubles up to a whole chunk
                    target.ensureCapacity(Math.min(CHUNK_SIZE, Math.max(position + take, 2 * target.capacity())));
                }
                target.copyRows(batch.column(c), from, position, take);
            }
            from += take;
            rowCount += take;
        }
    }

    private void addChunk(int capacity) {
        if (chunkCount == chunkSlots) {
            chunkSlots *= 2;
            for (int c = 0; c < chunks.length; c++) {
                chunks[c] = Arrays.copyOf(chunks[c], chunkSlots);
            }
        }
        for (int c = 0; c < chunks.length; c++) {
            chunks[c][chunkCount] = Vector.create(types.get(c), capacity);
        }
        chunkCount++;
    }

    /** Appends row {@code row} of {@code source}, whose columns match these. */
    public void appendRow(Batch source, int row) {
        int position = rowCount & CHUNK_MASK;
        if (rowCount == (long) chunkCount * CHUNK_SIZE) {
            addChunk(rowCount == 0 ? 16 : CHUNK_SIZE);
        }
        int last = chunkCount - 1;
        for (int c = 0; c < chunks.length; c++) {
            Vector target = chunks[c][last];
            if (target.capacity() == position) {
                target.ensureCapacity(Math.min(CHUNK_SIZE, 2 * position));
            }
            target.copyRow(source.column(c), row, position);
        }
        rowCount++;
    }

    /** All rows as one batch: the first chunk itself when they fit in it, else a copy. */
    public Batch toBatch() {
        if (chunkCount == 1) {
            return chunk(0);
        }
        Vector[] columns = new Vector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = Vector.create(types.get(c), rowCount);
            for (int chunk = 0; chunk < chunkCount; chunk++) {
                int rows = Math.min(CHUNK_SIZE, rowCount - chunk * CHUNK_SIZE);
                columns[c].copyRows(chunks[c][chunk], 0, chunk * CHUNK_SIZE, rows);
            }
        }
        return new Batch(columns, rowCount);
    }

    /** A new vector of column {@code column}'s rows {@code ids[0..count)}, in that order. */
    public Vector gather(int column, int[] ids, int count) {
        Vector out = Vector.create(types.get(column), count);
        if (count > 0) {
            out.gatherChunks(chunks[column], CHUNK_BITS, ids, count);
        }
        return out;
    }

    /** The rows {@code ids[0..count)}, in that order. */
    public Batch gather(int[] ids, int count) {
        Vector[] columns = new Vector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = gather(c, ids, count);
        }
        return new Batch(columns, count);
    }
}
