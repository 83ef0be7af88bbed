package io.junction.exec.operator;

import io.junction.exec.memory.SizeEstimates;
import io.junction.exec.vector.BatchBuilder;
import io.junction.exec.vector.ValueComparison;
import io.junction.exec.vector.ValueHashing;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * Assigns dense ids to distinct key tuples. Keys are stored columnar in growing vectors, one row per id;
 * an open-addressing table (linear probing, power-of-two size, at most half full) maps a key hash to ids.
 * NULL equals NULL here, so all-NULL keys form one group as GROUP BY requires.
 */
final class GroupKeyTable {
    private final BatchBuilder keys;
    private final int width;
    /** id + 1 per slot, 0 when empty. */
    private int[] slots = new int[1024];
    private int[] hashes = new int[512];
    private int count;
    private long keyBytes;

    GroupKeyTable(List<JunctionType> keyTypes) {
        this.keys = new BatchBuilder(keyTypes, 256);
        this.width = keyTypes.size();
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
        for (int i = 0; i < rowCount; i++) {
            ids[i] = findOrInsert(keyBatch, i, h[i]);
        }
        return ids;
    }

    /** The id of row {@code row}'s key, creating it (id = previous {@link #groupCount()}) when new. */
    int findOrInsert(Batch keyBatch, int row, int hash) {
        int mask = slots.length - 1;
        int slot = ValueHashing.mix(hash) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return insert(keyBatch, row, hash, slot);
            }
            int id = entry - 1;
            if (hashes[id] == hash && sameKey(keyBatch, row, id)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The id of row {@code row}'s key, or -1 if the table does not hold it. */
    int find(Batch keyBatch, int row, int hash) {
        int mask = slots.length - 1;
        int slot = ValueHashing.mix(hash) & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int id = entry - 1;
            if (hashes[id] == hash && sameKey(keyBatch, row, id)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Heap bytes held: the stored keys and the hash arrays. */
    long estimatedBytes() {
        return keyBytes + 4L * slots.length + 4L * hashes.length;
    }

    private boolean sameKey(Batch keyBatch, int row, int id) {
        for (int c = 0; c < width; c++) {
            if (!ValueComparison.equalOrBothNull(keyBatch.column(c), row, keys.column(c), id)) {
                return false;
            }
        }
        return true;
    }

    private int insert(Batch keyBatch, int row, int hash, int slot) {
        int id = count++;
        keys.appendRow(keyBatch, row);
        keyBytes += SizeEstimates.rowBytes(keyBatch.columns(), row);
        if (id >= hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        hashes[id] = hash;
        slots[slot] = id + 1;
        if (count * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int id = 0; id < count; id++) {
            int slot = ValueHashing.mix(hashes[id]) & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = id + 1;
        }
        slots = grown;
    }

    /** The stored keys, one row per group id; the table must not be used afterwards. */
    Batch keys() {
        return keys.build();
    }
}
