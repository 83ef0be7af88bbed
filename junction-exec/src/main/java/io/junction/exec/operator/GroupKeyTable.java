package io.junction.exec.operator;

import io.junction.exec.memory.SizeEstimates;
import io.junction.exec.vector.ChunkedRows;
import io.junction.exec.vector.ValueComparison;
import io.junction.exec.vector.ValueHashing;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.util.List;

/**
 * Assigns dense ids to distinct key tuples. Keys are stored once, columnar, in {@link ChunkedRows} (one
 * row per id, never copied as the table grows). An open-addressing table (linear probing, power-of-two
 * size, at most 3/4 full) maps a key hash to ids: each slot is one int holding the id plus one (0 = empty)
 * in its low bits and a tag from the key's hash in the bits the ids leave free, so most slots of other keys
 * are passed over without reading the stored keys; no hash is kept per group, a rehash hashes the stored
 * keys again. NULL equals NULL here, so all-NULL keys form one group as GROUP BY requires.
 */
final class GroupKeyTable {
    private static final int INITIAL_CAPACITY = 256;

    private final ChunkedRows keys;
    private final int width;
    /** One key column held as longs: compared on the primitive arrays. */
    private final boolean singleLongKey;
    private int[] slots;
    private int mask;
    private int idMask;
    private int tagMask;
    private int count;
    private long keyBytes;

    GroupKeyTable(List<JunctionType> keyTypes) {
        this.keys = new ChunkedRows(keyTypes);
        this.width = keyTypes.size();
        this.singleLongKey = width == 1 && LongVector.holds(keyTypes.getFirst());
        allocate(INITIAL_CAPACITY);
    }

    private void allocate(int capacity) {
        slots = new int[capacity];
        mask = capacity - 1;
        // ids stay below 3/4 of the capacity, so the capacity's bits hold id + 1
        idMask = capacity - 1;
        tagMask = ~idMask;
    }

    int groupCount() {
        return count;
    }

    /** Hashes of rows {@code 0..rowCount} of the key columns. */
    static int[] hashRows(Vector[] keyColumns, int rowCount) {
        int[] h = new int[rowCount];
        for (Vector column : keyColumns) {
            ValueHashing.combine(column, rowCount, h);
        }
        return h;
    }

    /** Group ids of rows {@code 0..rowCount} of {@code keyColumns}, adding new groups as they appear. */
    int[] groupIds(Vector[] keyColumns, int rowCount) {
        int[] h = hashRows(keyColumns, rowCount);
        int[] ids = new int[rowCount];
        Batch keyBatch = new Batch(keyColumns, rowCount);
        if (singleLongKey && !keyColumns[0].mayHaveNulls()) {
            long[] values = ((LongVector) keyColumns[0]).values();
            for (int i = 0; i < rowCount; i++) {
                ids[i] = findOrInsertLong(values[i], keyBatch, i, h[i]);
            }
        } else {
            for (int i = 0; i < rowCount; i++) {
                ids[i] = findOrInsert(keyBatch, i, h[i]);
            }
        }
        return ids;
    }

    /** {@link #findOrInsert} for a non-NULL key of the single long column, compared without calls. */
    private int findOrInsertLong(long key, Batch keyBatch, int row, int hash) {
        int spread = ValueHashing.mix(hash);
        int slot = spread & mask;
        int tag = spread & tagMask;
        Vector[] chunks = keys.columnChunks(0);
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return insert(keyBatch, row, tag, slot);
            }
            if ((entry & tagMask) == tag) {
                int id = (entry & idMask) - 1;
                LongVector stored = (LongVector) chunks[id >>> ChunkedRows.CHUNK_BITS];
                int position = id & ChunkedRows.CHUNK_MASK;
                if (stored.values()[position] == key && !stored.isNull(position)) {
                    return id;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The id of row {@code row}'s key, creating it (id = previous {@link #groupCount()}) when new. */
    int findOrInsert(Batch keyBatch, int row, int hash) {
        int spread = ValueHashing.mix(hash);
        int slot = spread & mask;
        int tag = spread & tagMask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return insert(keyBatch, row, tag, slot);
            }
            if ((entry & tagMask) == tag && sameKey(keyBatch, row, (entry & idMask) - 1)) {
                return (entry & idMask) - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The id of row {@code row}'s key, or -1 if the table does not hold it. */
    int find(Batch keyBatch, int row, int hash) {
        int spread = ValueHashing.mix(hash);
        int slot = spread & mask;
        int tag = spread & tagMask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            if ((entry & tagMask) == tag && sameKey(keyBatch, row, (entry & idMask) - 1)) {
                return (entry & idMask) - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Heap bytes held: the stored keys and the slots. */
    long estimatedBytes() {
        return keyBytes + 4L * slots.length;
    }

    private boolean sameKey(Batch keyBatch, int row, int id) {
        int chunk = id >>> ChunkedRows.CHUNK_BITS;
        int position = id & ChunkedRows.CHUNK_MASK;
        for (int c = 0; c < width; c++) {
            if (!ValueComparison.equalOrBothNull(keyBatch.column(c), row, keys.columnChunks(c)[chunk], position)) {
                return false;
            }
        }
        return true;
    }

    private int insert(Batch keyBatch, int row, int tag, int slot) {
        int id = count++;
        keys.appendRow(keyBatch, row);
        keyBytes += SizeEstimates.rowBytes(keyBatch.columns(), row);
        slots[slot] = tag | (id + 1);
        if (count > slots.length - (slots.length >>> 2)) {
            rehash();
        }
        return id;
    }

    /** Doubles the table; the slots' tags change with the id width, so every stored key is hashed again. */
    private void rehash() {
        allocate(slots.length * 2);
        for (int chunk = 0; chunk < keys.chunkCount(); chunk++) {
            Batch stored = keys.chunk(chunk);
            int[] hashes = hashRows(stored.columns(), stored.rowCount());
            int base = chunk << ChunkedRows.CHUNK_BITS;
            for (int i = 0; i < hashes.length; i++) {
                int spread = ValueHashing.mix(hashes[i]);
                int slot = spread & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = (spread & tagMask) | (base + i + 1);
            }
        }
    }

    /** The stored keys, one row per group id; the table must not be used afterwards. */
    Batch keys() {
        return keys.toBatch();
    }
}
