package io.junction.exec.vector;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * Rows held in chunks of {@link #CHUNK_SIZE} rows and addressed by a dense int row id: chunk
 * {@code id >>> CHUNK_BITS}, position {@code id & CHUNK_MASK}. Unlike one growing vector per column,
 * appending never reallocates or copies what is already held, so the heap used is the rows plus at most one
 * partly filled chunk, and hash tables can point at rows with 4-byte ids. The first chunk starts as small
 * as the first batch and grows, so a small input does not pay for a whole chunk.
 *
 * <p>Within a chunk a column is held either as a vector of its own, or, if its holder asks for it and its
 * values are longs, interleaved with the other such columns: one long array per chunk holding row after
 * row ({@link #rowWidth()} longs each), with a NULL bitmap per column and chunk that exists only once the
 * column has a NULL there. A row read at random (a hash join's build row, found by key) then touches one
 * cache line for all its interleaved columns instead of one line per column.
 */
public final class ChunkedRows {
    public static final int CHUNK_BITS = 11;
    public static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    public static final int CHUNK_MASK = CHUNK_SIZE - 1;
    private static final int NOT_INTERLEAVED = -1;

    private final List<JunctionType> types;
    /** Per column, its long's index within an interleaved row, or NOT_INTERLEAVED. */
    private final int[] rowOffsets;
    private final int rowWidth;
    /** {@code chunks[column][chunk]} for the columns held as vectors (null for interleaved ones); entries past {@link #chunkCount()} are null. */
    private Vector[][] chunks;
    /** {@code rowChunks[chunk]}: the interleaved columns, row after row; unused when no column is interleaved. */
    private long[][] rowChunks;
    /** {@code rowNulls[column][chunk]}: NULL bits of an interleaved column, null while that chunk has no NULL in it. */
    private long[][][] rowNulls;
    /** Per interleaved column, whether any of its chunks has a NULL bitmap. */
    private final boolean[] rowNullsPresent;
    /** Length of the chunk arrays. */
    private int chunkSlots = 8;
    private int chunkCount;
    private int rowCount;

    /** Rows whose columns are each held as vectors. */
    public ChunkedRows(List<JunctionType> types) {
        this(types, new boolean[types.size()]);
    }

    /** Rows whose columns marked in {@code interleave} are held row-wise; each must be held in a {@link LongVector}. */
    public ChunkedRows(List<JunctionType> types, boolean[] interleave) {
        this.types = List.copyOf(types);
        this.rowOffsets = new int[types.size()];
        int width = 0;
        for (int c = 0; c < rowOffsets.length; c++) {
            if (interleave[c] && !LongVector.holds(types.get(c))) {
                throw new IllegalArgumentException("only long columns can be interleaved, not " + types.get(c));
            }
            rowOffsets[c] = interleave[c] ? width++ : NOT_INTERLEAVED;
        }
        this.rowWidth = width;
        this.chunks = new Vector[types.size()][chunkSlots];
        this.rowChunks = new long[chunkSlots][];
        this.rowNulls = new long[types.size()][chunkSlots][];
        this.rowNullsPresent = new boolean[types.size()];
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

    /** Rows in chunk {@code index}: a whole chunk's, but for the last. */
    public int chunkRowCount(int index) {
        return index < chunkCount - 1 ? CHUNK_SIZE : rowCount - (chunkCount - 1) * CHUNK_SIZE;
    }

    /** Whether {@code column} is held row-wise, in {@link #rowChunks()}. */
    public boolean isInterleaved(int column) {
        return rowOffsets[column] != NOT_INTERLEAVED;
    }

    /** Longs per row in {@link #rowChunks()}. */
    public int rowWidth() {
        return rowWidth;
    }

    /** Where an interleaved column's value sits within its row: row id's value is at {@code position * rowWidth() + rowOffset}. */
    public int rowOffset(int column) {
        return rowOffsets[column];
    }

    /**
     * The interleaved columns' values, indexed by {@code id >>> CHUNK_BITS}; NULL values are leftovers
     * (see {@link #isNull}). Valid until the next append.
     */
    public long[][] rowChunks() {
        return rowChunks;
    }

    /** Whether row {@code id}'s value in {@code column} is NULL. */
    public boolean isNull(int column, int id) {
        int position = id & CHUNK_MASK;
        if (rowOffsets[column] == NOT_INTERLEAVED) {
            return chunks[column][id >>> CHUNK_BITS].isNull(position);
        }
        long[] bits = rowNulls[column][id >>> CHUNK_BITS];
        return bits != null && (bits[position >>> 6] & (1L << position)) != 0;
    }

    /** Chunk vectors of a column held as vectors, indexed by {@code id >>> CHUNK_BITS}. */
    public Vector[] columnChunks(int column) {
        if (isInterleaved(column)) {
            throw new IllegalStateException("column " + column + " is held row-wise");
        }
        return chunks[column];
    }

    /** Chunk {@code index} as a batch of its rows (interleaved columns copied out into vectors). */
    public Batch chunk(int index) {
        int[] all = new int[types.size()];
        Arrays.setAll(all, c -> c);
        return new Batch(chunkColumns(index, all), chunkRowCount(index));
    }

    /** Chunk {@code index}'s vectors of {@code columns}, in that order (interleaved columns copied out). */
    public Vector[] chunkColumns(int index, int[] columns) {
        int rows = chunkRowCount(index);
        Vector[] vectors = new Vector[columns.length];
        for (int k = 0; k < columns.length; k++) {
            int column = columns[k];
            if (!isInterleaved(column)) {
                vectors[k] = chunks[column][index];
                continue;
            }
            LongVector vector = (LongVector) Vector.create(types.get(column), rows);
            long[] values = vector.values();
            long[] source = rowChunks[index];
            for (int i = 0, at = rowOffsets[column]; i < rows; i++, at += rowWidth) {
                values[i] = source[at];
            }
            long[] nullBits = rowNulls[column][index];
            for (int i = 0; nullBits != null && i < rows; i++) {
                if ((nullBits[i >>> 6] & (1L << i)) != 0) {
                    vector.setNull(i);
                }
            }
            vectors[k] = vector;
        }
        return vectors;
    }

    /** Appends rows {@code 0..rowCount} of {@code batch}, whose columns match these. */
    public void append(Batch batch) {
        int n = batch.rowCount();
        int from = 0;
        while (from < n) {
            int take = Math.min(n - from, CHUNK_SIZE - (rowCount & CHUNK_MASK));
            copyIn(batch, from, take, n);
            from += take;
        }
    }

    /** Appends row {@code row} of {@code source}, whose columns match these. */
    public void appendRow(Batch source, int row) {
        copyIn(source, row, 1, 16);
    }

    /**
     * Copies {@code take} rows of {@code batch} from {@code from} to the end, all into the last chunk (or a
     * new one, of at most {@code firstCapacity} rows if it is the first).
     */
    private void copyIn(Batch batch, int from, int take, int firstCapacity) {
        int position = rowCount & CHUNK_MASK;
        if (rowCount == (long) chunkCount * CHUNK_SIZE) {
            addChunk(rowCount == 0 ? Math.min(CHUNK_SIZE, firstCapacity) : CHUNK_SIZE);
        }
        int last = chunkCount - 1;
        // only the first chunk starts small; it doubles up to a whole chunk
        int grown = Math.min(CHUNK_SIZE, Math.max(position + take, 2 * position));
        if (rowWidth > 0 && rowChunks[last].length < (position + take) * rowWidth) {
            rowChunks[last] = Arrays.copyOf(rowChunks[last], grown * rowWidth);
        }
        for (int c = 0; c < types.size(); c++) {
            Vector source = batch.column(c);
            if (isInterleaved(c)) {
                copyInterleaved((LongVector) source, from, c, last, position, take);
                continue;
            }
            Vector target = chunks[c][last];
            if (target.capacity() < position + take) {
                target.ensureCapacity(grown);
            }
            target.copyRows(source, from, position, take);
        }
        rowCount += take;
    }

    private void copyInterleaved(LongVector source, int from, int column, int chunk, int position, int take) {
        long[] values = source.values();
        long[] target = rowChunks[chunk];
        for (int i = 0, at = position * rowWidth + rowOffsets[column]; i < take; i++, at += rowWidth) {
            target[at] = values[from + i];
        }
        if (source.mayHaveNulls()) {
            for (int i = 0; i < take; i++) {
                if (source.isNull(from + i)) {
                    if (rowNulls[column][chunk] == null) {
                        rowNulls[column][chunk] = new long[CHUNK_SIZE >>> 6];
                        rowNullsPresent[column] = true;
                    }
                    int p = position + i;
                    rowNulls[column][chunk][p >>> 6] |= 1L << p;
                }
            }
        }
    }

    private void addChunk(int capacity) {
        if (chunkCount == chunkSlots) {
            chunkSlots *= 2;
            for (int c = 0; c < chunks.length; c++) {
                chunks[c] = Arrays.copyOf(chunks[c], chunkSlots);
                rowNulls[c] = Arrays.copyOf(rowNulls[c], chunkSlots);
            }
            rowChunks = Arrays.copyOf(rowChunks, chunkSlots);
        }
        for (int c = 0; c < chunks.length; c++) {
            if (!isInterleaved(c)) {
                chunks[c][chunkCount] = Vector.create(types.get(c), capacity);
            }
        }
        if (rowWidth > 0) {
            rowChunks[chunkCount] = new long[capacity * rowWidth];
        }
        chunkCount++;
    }

    /** All rows as one batch: the first chunk itself when they fit in it and none is interleaved, else a copy. */
    public Batch toBatch() {
        if (chunkCount == 1) {
            return chunk(0);
        }
        Vector[] columns = new Vector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = Vector.create(types.get(c), rowCount);
        }
        for (int chunk = 0; chunk < chunkCount; chunk++) {
            Batch rows = chunk(chunk);
            for (int c = 0; c < columns.length; c++) {
                columns[c].copyRows(rows.column(c), 0, chunk * CHUNK_SIZE, rows.rowCount());
            }
        }
        return new Batch(columns, rowCount);
    }

    /** A new vector of column {@code column}'s rows {@code ids[0..count)}, in that order. */
    public Vector gather(int column, int[] ids, int count) {
        Vector out = Vector.create(types.get(column), count);
        if (count == 0) {
            return out;
        }
        if (!isInterleaved(column)) {
            out.gatherChunks(chunks[column], CHUNK_BITS, ids, count);
            return out;
        }
        long[] values = ((LongVector) out).values();
        long[][] source = rowChunks;
        int width = rowWidth;
        int offset = rowOffsets[column];
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            values[i] = source[id >>> CHUNK_BITS][(id & CHUNK_MASK) * width + offset];
        }
        markNulls(column, out, ids, count);
        return out;
    }

    /** Sets NULL where interleaved {@code column} is NULL in rows {@code ids[0..count)}, gathered into {@code out}. */
    private void markNulls(int column, Vector out, int[] ids, int count) {
        if (rowNullsPresent[column]) {
            for (int i = 0; i < count; i++) {
                if (isNull(column, ids[i])) {
                    out.setNull(i);
                }
            }
        }
    }

    /**
     * The rows {@code ids[0..count)}, in that order. The interleaved columns are gathered together, one row
     * at a time, so each row's line is fetched once for all of them.
     */
    public Batch gather(int[] ids, int count) {
        Vector[] columns = new Vector[types.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = isInterleaved(c) ? Vector.create(types.get(c), count) : gather(c, ids, count);
        }
        if (rowWidth > 0 && count > 0) {
            gatherInterleaved(columns, ids, count);
        }
        return new Batch(columns, count);
    }

    private void gatherInterleaved(Vector[] columns, int[] ids, int count) {
        long[][] targets = new long[rowWidth][];
        for (int c = 0; c < columns.length; c++) {
            if (isInterleaved(c)) {
                targets[rowOffsets[c]] = ((LongVector) columns[c]).values();
            }
        }
        long[][] source = rowChunks;
        int width = rowWidth;
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            long[] chunk = source[id >>> CHUNK_BITS];
            int at = (id & CHUNK_MASK) * width;
            for (int k = 0; k < width; k++) {
                targets[k][i] = chunk[at + k];
            }
        }
        for (int c = 0; c < columns.length; c++) {
            if (isInterleaved(c)) {
                markNulls(c, columns[c], ids, count);
            }
        }
    }
}
