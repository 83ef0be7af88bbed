package io.junction.exec.operator;

import io.junction.exec.memory.MemoryReservation;
import io.junction.exec.vector.ChunkedRows;
import io.junction.exec.vector.ValueComparison;
import io.junction.exec.vector.ValueHashing;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;

import java.util.Arrays;
import java.util.List;

/**
 * A hash join's index of its build rows by key.
 *
 * <p>Open addressing over the distinct non-NULL keys: linear probing in a power-of-two array sized from
 * the row count so that it is at most 3/4 full, starting at a slot taken from the spread hash's top bits. A slot is one int: the id of the first build row with its
 * key (plus one; 0 is empty) in the low bits, and in the high bits the ids leave free a tag taken from the
 * key's hash, so a probe passes over most slots of other keys without touching the build rows. Further
 * rows with the same key are chained through {@code next[row]}, in input order (rows are inserted last to
 * first); that array exists only once some key repeats. Rows with a NULL key are left out, since NULL
 * never equals anything.
 *
 * <p>A blocked Bloom filter of about one byte per row (three bits set in one 64-bit word per key) sits in
 * front of the slots: it is small enough to stay in the CPU caches and answers most probes of absent keys
 * (a selective join) without the cache miss of reading their slot.
 *
 * <p>A single key held as longs on both sides (integers, dates, times, timestamps) is compared on the
 * primitive arrays directly, where the build rows hold it interleaved with their other long columns
 * ({@link #interleavedColumns}): a probe row that matches then reads one line of build row, which also
 * holds the payload its output gathers, instead of one line for the key and one per payload column. Other
 * keys (several columns, text, decimals, doubles) are compared through {@link ValueComparison}.
 */
final class JoinHashTable {
    static final int NONE = -1;
    /** A pending probe row's candidate when its slot is empty (the key is absent) or tagged for another key. */
    private static final int EMPTY_SLOT = -1;
    private static final int OTHER_KEY = -2;

    private final ChunkedRows rows;
    private final int[] keyColumns;
    /**
     * When the key is one column of longs on both sides, the build rows' interleaved chunks (the key's
     * value of row id at {@code [id >>> CHUNK_BITS][(id & CHUNK_MASK) * rowWidth + keyOffset]}), else null.
     */
    private final long[][] longKeyRows;
    private final int rowWidth;
    private final int keyOffset;
    private final int mask;
    /** 32 minus the slot bits: {@link #homeSlot} keeps the top bits of the spread hash. */
    private final int slotShift;
    private final int idMask;
    private final int tagMask;
    private final int[] slots;
    private final long[] filter;
    private final int filterShift;
    private int[] next;
    /** Scratch arrays of the probe, one entry per probe row. */
    private int[] probeHashes = new int[0];
    private int[] probeSlots = new int[0];
    private int[] pendingRows = new int[0];
    private int[] pendingCandidates = new int[0];
    private long[] pendingCandidateKeys = new long[0];

    /** Indexes all of {@code rows} by {@code keyColumns}, reserving the arrays in {@code memory} first. */
    JoinHashTable(ChunkedRows rows, int[] keyColumns, List<JunctionType> probeKeyTypes, MemoryReservation memory) {
        this.rows = rows;
        this.keyColumns = keyColumns;
        int n = rows.rowCount();
        int capacity = Integer.highestOneBit(Math.max(16, n + n / 3) - 1) << 1;
        int filterWords = Math.max(1, capacity >>> 4);
        memory.grow(4L * capacity + 8L * filterWords);
        slots = new int[capacity];
        filter = new long[filterWords];
        filterShift = 32 - Integer.numberOfTrailingZeros(filterWords);
        mask = capacity - 1;
        slotShift = 32 - Integer.numberOfTrailingZeros(capacity);
        int idBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n));
        idMask = idBits >= 32 ? -1 : (1 << idBits) - 1;
        tagMask = ~idMask;
        boolean longKey = isLongKey(rows.types(), keyColumns, probeKeyTypes);
        for (int column : keyColumns) {
            if (rows.isInterleaved(column) != longKey) {
                throw new IllegalArgumentException("key columns must be held as interleavedColumns says");
            }
        }
        longKeyRows = longKey ? rows.rowChunks() : null;
        rowWidth = rows.rowWidth();
        keyOffset = longKey ? rows.rowOffset(keyColumns[0]) : 0;
        insertAll(memory);
    }

    /**
     * Which build columns the rows should hold interleaved ({@link ChunkedRows}): every column of longs, so
     * that a matched row's key and its other values share a cache line; but key columns only when the key
     * is a single column of longs on both sides, since other keys are compared through their vectors.
     */
    static boolean[] interleavedColumns(List<JunctionType> buildTypes, int[] keyColumns, List<JunctionType> probeKeyTypes) {
        boolean[] interleave = new boolean[buildTypes.size()];
        for (int c = 0; c < interleave.length; c++) {
            interleave[c] = LongVector.holds(buildTypes.get(c));
        }
        if (!isLongKey(buildTypes, keyColumns, probeKeyTypes)) {
            for (int column : keyColumns) {
                interleave[column] = false;
            }
        }
        return interleave;
    }

    private static boolean isLongKey(List<JunctionType> buildTypes, int[] keyColumns, List<JunctionType> probeKeyTypes) {
        return keyColumns.length == 1 && LongVector.holds(buildTypes.get(keyColumns[0])) && LongVector.holds(probeKeyTypes.getFirst());
    }

    /** Heap bytes of the index itself (the rows are accounted by their holder). */
    long bytes() {
        return 4L * slots.length + 8L * filter.length + (next == null ? 0 : 4L * next.length);
    }

    /** The build row after {@code row} with the same key, or {@link #NONE}. */
    int nextMatch(int row) {
        return next == null ? NONE : next[row];
    }

    /** Whether every key occurs once, so each probe row matches at most its first match. */
    boolean keysAreUnique() {
        return next == null;
    }

    private void insertAll(MemoryReservation memory) {
        for (int chunk = rows.chunkCount() - 1; chunk >= 0; chunk--) {
            Vector[] keyVectors = rows.chunkColumns(chunk, keyColumns);
            int n = rows.chunkRowCount(chunk);
            int[] hashes = hashes(keyVectors, n);
            boolean[] nullKey = nullKeys(keyVectors, n);
            touchHomeSlots(hashes, n);
            int base = chunk << ChunkedRows.CHUNK_BITS;
            for (int i = n - 1; i >= 0; i--) {
                if (nullKey == null || !nullKey[i]) {
                    insert(base + i, hashes[i], keyVectors, i, memory);
                }
            }
        }
    }

    /**
     * Reads every row's home slot and filter word in a loop of independent loads, so their cache misses
     * overlap; the inserts that follow, one at a time with branches, then find those lines in the cache.
     */
    private void touchHomeSlots(int[] hashes, int n) {
        ensureScratch(n);
        int[] homes = probeSlots;
        for (int i = 0; i < n; i++) {
            homes[i] = slots[homeSlot(hashes[i])] + (int) filter[filterWord(filterHash(hashes[i]))];
        }
    }

        private void insert(int id, int hash, Vector[] keys, int row, MemoryReservation memory) {
        int filterHash = filterHash(hash);
        filter[filterWord(filterHash)] |= filterBits(filterHash);
        int slot = homeSlot(hash);
        int tag = hash & tagMask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                slots[slot] = tag | (id + 1);
                return;
            }
            if ((entry & tagMask) == tag) {
                int first = (entry & idMask) - 1;
                if (equalsBuildRow(first, keys, row)) {
                    if (next == null) {
                        memory.grow(4L * rows.rowCount());
                        next = new int[rows.rowCount()];
                        Arrays.fill(next, NONE);
                    }
                    next[id] = first;
                    slots[slot] = tag | (id + 1);
                    return;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Sets {@code first[i]} to the first build row matching probe row i of {@code probeKeys}, or
     * {@link #NONE}, for rows {@code 0..n}.
     */
    void firstMatches(Vector[] probeKeys, int n, int[] first) {
        if (longKeyRows == null) {
            ensureScratch(n);
            int[] hashes = hashes(probeKeys, n, probeHashes);
            // NULL keys are never compared (their values are leftovers, or null references)
            boolean[] nullKey = nullKeys(probeKeys, n);
            for (int i = 0; i < n; i++) {
                first[i] = nullKey != null && nullKey[i] ? NONE : find(hashes[i], probeKeys, i);
            }
            return;
        }
        LongVector key = (LongVector) probeKeys[0];
        firstLongMatches(key.values(), n, first);
        if (key.mayHaveNulls()) {
            // a NULL row's leftover value may have matched; NULL never does
            for (int i = 0; i < n; i++) {
                if (key.isNull(i)) {
                    first[i] = NONE;
                }
            }
        }
    }

    /**
     * The single-long-key probe, on primitive arrays only. A row's filter word, its slot and the build row
     * the slot points at are each likely cache misses, so every such read has a pass of its own over the
     * batch that does little else, with no branch between the rows: this lets the CPU keep the misses of
     * many rows in flight, where a pass that also did other work, or branched on the loaded value, would fit
     * fewer rows in its window or stall. First: hash every row; read every row's filter word; drop the rows
     * the filter rules out, leaving the pending rows. Then rounds over the pending rows: read every row's
     * current slot; decode each slot (a row id, or a stand-in id 0 when the slot is empty or tagged for
     * another key); read each candidate build row's key; settle each row (a hit, an empty slot, or another
     * key: move to the next slot and stay pending).
     */
    private void firstLongMatches(long[] keys, int n, int[] first) {
        if (rows.rowCount() == 0) {
            Arrays.fill(first, 0, n, NONE);
            return;
        }
        ensureScratch(n);
        // pending row p: its probe row, hash, next slot to read, and per round its candidate id and key
        int[] rowOf = pendingRows;
        int[] hashOf = probeHashes;
        int[] slotOf = probeSlots;
        int[] candidateOf = pendingCandidates;
        long[] candidateKeyOf = pendingCandidateKeys;
        int[] filterWordOf = candidateOf;
        long[] filterWords = candidateKeyOf;
        for (int i = 0; i < n; i++) {
            int hash = ValueHashing.mix(keys[i]);
            hashOf[i] = hash;
            filterWordOf[i] = filterWord(filterHash(hash));
        }
        long[] bloom = filter;
        for (int i = 0; i < n; i++) {
            filterWords[i] = bloom[filterWordOf[i]];
        }
        int pendingCount = 0;
        for (int i = 0; i < n; i++) {
            int hash = hashOf[i];
            long bits = filterBits(filterHash(hash));
            first[i] = NONE;
            rowOf[pendingCount] = i;
            hashOf[pendingCount] = hash;
            slotOf[pendingCount] = homeSlot(hash);
            pendingCount += (filterWords[i] & bits) == bits ? 1 : 0;
        }
        long[][] buildRows = longKeyRows;
        int width = rowWidth;
        int offset = keyOffset;
        while (pendingCount > 0) {
            for (int p = 0; p < pendingCount; p++) {
                candidateOf[p] = slots[slotOf[p]];
            }
            for (int p = 0; p < pendingCount; p++) {
                int entry = candidateOf[p];
                boolean tagged = entry != 0 & ((entry ^ hashOf[p]) & tagMask) == 0;
                int id = tagged ? (entry & idMask) - 1 : 0;
                candidateOf[p] = tagged ? id : entry == 0 ? EMPTY_SLOT : OTHER_KEY;
            }
            for (int p = 0; p < pendingCount; p++) {
                int id = Math.max(candidateOf[p], 0);
                candidateKeyOf[p] = buildRows[id >>> ChunkedRows.CHUNK_BITS][(id & ChunkedRows.CHUNK_MASK) * width + offset];
            }
            int kept = 0;
            for (int p = 0; p < pendingCount; p++) {
                int row = rowOf[p];
                int candidate = candidateOf[p];
                boolean hit = candidate >= 0 & candidateKeyOf[p] == keys[row];
                boolean settled = hit | candidate == EMPTY_SLOT;
                first[row] = hit ? candidate : NONE;
                rowOf[kept] = row;
                hashOf[kept] = hashOf[p];
                slotOf[kept] = (slotOf[p] + 1) & mask;
                kept += settled ? 0 : 1;
            }
            pendingCount = kept;
        }
    }

    private void ensureScratch(int n) {
        if (probeHashes.length < n) {
            probeHashes = new int[n];
            probeSlots = new int[n];
            pendingRows = new int[n];
            pendingCandidates = new int[n];
            pendingCandidateKeys = new long[n];
        }
    }

    private int find(int hash, Vector[] keys, int row) {
        if (!mayContain(hash)) {
            return NONE;
        }
        int slot = homeSlot(hash);
        int tag = hash & tagMask;
        for (int entry = slots[slot]; entry != 0; entry = slots[slot]) {
            if ((entry & tagMask) == tag) {
                int id = (entry & idMask) - 1;
                if (equalsBuildRow(id, keys, row)) {
                    return id;
                }
            }
            slot = (slot + 1) & mask;
        }
        return NONE;
    }

    /**
     * The first slot to look at for a hash: its top bits after a multiplication by the golden ratio. The
     * hash's own low bits would do for random keys, but for runs of consecutive integer keys they leave
     * clusters that make linear probing read on for dozens of slots; spreading them makes probe sequences
     * as short as for random keys (measured on 1M consecutive keys in 2M slots: 1.46 slots per hit instead
     * of 1.80, and the longest run 38 slots instead of 114).
     */
    private int homeSlot(int hash) {
        return (hash * 0x9E3779B9) >>> slotShift;
    }

    /** False when no build row has a key of this hash (the Bloom filter's answer). */
    private boolean mayContain(int hash) {
        int filterHash = filterHash(hash);
        long bits = filterBits(filterHash);
        return (filter[filterWord(filterHash)] & bits) == bits;
    }

    /** Bits independent of those that pick the slot and the tag. */
    private static int filterHash(int hash) {
        return ValueHashing.mix(~(long) hash);
    }

    private int filterWord(int filterHash) {
        return filterShift == 32 ? 0 : filterHash >>> filterShift;
    }

    /** Three bit positions (shifts use the low six bits) from the filter hash's low 18 bits. */
    private static long filterBits(int filterHash) {
        return (1L << filterHash) | (1L << (filterHash >>> 6)) | (1L << (filterHash >>> 12));
    }

    private boolean equalsBuildRow(int id, Vector[] keys, int row) {
        int chunk = id >>> ChunkedRows.CHUNK_BITS;
        int position = id & ChunkedRows.CHUNK_MASK;
        if (longKeyRows != null) {
            return longKeyRows[chunk][position * rowWidth + keyOffset] == ((LongVector) keys[0]).values()[row];
        }
        for (int k = 0; k < keyColumns.length; k++) {
            if (!ValueComparison.equal(keys[k], row, rows.columnChunks(keyColumns[k])[chunk], position)) {
                return false;
            }
        }
        return true;
    }

    private int[] hashes(Vector[] keys, int n) {
        return hashes(keys, n, new int[n]);
    }

    /** Row hashes as this table uses them: one long key hashes as itself, other keys are combined then spread. */
    private int[] hashes(Vector[] keys, int n, int[] out) {
        if (longKeyRows != null) {
            long[] values = ((LongVector) keys[0]).values();
            for (int i = 0; i < n; i++) {
                out[i] = ValueHashing.mix(values[i]);
            }
            return out;
        }
        Arrays.fill(out, 0, n, 0);
        for (Vector column : keys) {
            ValueHashing.combine(column, n, out);
        }
        for (int i = 0; i < n; i++) {
            out[i] = ValueHashing.mix(out[i]);
        }
        return out;
    }

    static Vector[] keyVectors(Vector[] columns, int[] keys) {
        Vector[] vectors = new Vector[keys.length];
        for (int k = 0; k < keys.length; k++) {
            vectors[k] = columns[keys[k]];
        }
        return vectors;
    }

    /** Rows of {@code 0..n} with a NULL in any key, or null when no key column has NULLs. */
    private static boolean[] nullKeys(Vector[] keys, int n) {
        boolean[] nullKey = null;
        for (Vector key : keys) {
            if (key.mayHaveNulls()) {
                if (nullKey == null) {
                    nullKey = new boolean[n];
                }
                for (int i = 0; i < n; i++) {
                    nullKey[i] |= key.isNull(i);
                }
            }
        }
        return nullKey;
    }
}
