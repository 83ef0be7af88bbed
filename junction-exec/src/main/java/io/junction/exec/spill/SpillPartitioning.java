package io.junction.exec.spill;

import io.junction.exec.vector.ValueHashing;

/**
 * Which spill partition a row goes to, from its key hash. Each recursion level takes different bits (the
 * hash is re-mixed with a level-specific constant), so a partition that is still too large splits again
 * at the next level; rows with equal keys always stay together.
 */
public final class SpillPartitioning {
    public static final int PARTITIONS = 16;
    /** Levels of repartitioning before an operator stops spilling and holds a partition in memory. */
    public static final int MAX_LEVEL = 3;

    private SpillPartitioning() {
    }

    public static int partition(int keyHash, int level) {
        int mixed = ValueHashing.mix(keyHash + (level + 1) * 0x9E3779B97F4A7C15L);
        return mixed >>> 28;
    }

    /** Partitions of rows {@code 0..rowCount} given their key hashes. */
    public static int[] partitions(int[] keyHashes, int rowCount, int level) {
        int[] out = new int[rowCount];
        for (int i = 0; i < rowCount; i++) {
            out[i] = partition(keyHashes[i], level);
        }
        return out;
    }
}
