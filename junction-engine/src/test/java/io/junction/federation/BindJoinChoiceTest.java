package io.junction.federation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BindJoinChoiceTest {
    @Test
    void keysAreStackedOntoABoundScanOnlyWhenKnownToFilter() {
        // TPC-H Q7: 12,000 customers of two nations against o_custkey's 100,000 values
        assertThat(BindJoinChoice.stackingPays(12_000, 12_000.0, 100_000.0)).isTrue();
        // the build side's distinct count unknown: every row counts as a key
        assertThat(BindJoinChoice.stackingPays(12_000, null, 100_000.0)).isTrue();
        // all 10,000 suppliers against l_suppkey's 10,000 values filter nothing
        assertThat(BindJoinChoice.stackingPays(10_000, 10_000.0, 10_000.0)).isFalse();
        // unknown values of the scanned column (MariaDB keeps no distinct counts for unindexed columns)
        assertThat(BindJoinChoice.stackingPays(10_000, 25.0, null)).isFalse();
        // too many rows to collect
        assertThat(BindJoinChoice.stackingPays(500_000, 1_000.0, 1_000_000.0)).isFalse();
    }
}
