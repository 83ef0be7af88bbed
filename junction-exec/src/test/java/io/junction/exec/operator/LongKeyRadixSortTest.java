package io.junction.exec.operator;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

import static io.junction.exec.Rows.collect;
import static io.junction.exec.Rows.row;
import static io.junction.exec.Rows.values;
import static org.assertj.core.api.Assertions.assertThat;

/** The radix sort orders exactly as the comparison sort does, ties and NULLs included. */
class LongKeyRadixSortTest {
    @Test
    void ordersLikeTheMergeSortInEveryDirectionAndNullPlacement() {
        Random random = new Random(3);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long v = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt(50) - 25;
                case 2 -> i % 8 == 2 ? Long.MIN_VALUE : Long.MAX_VALUE;
                default -> random.nextInt(1 << 20);
            };
            rows.add(i % 29 == 0 ? row(null, null, (long) i) : row(v, BigDecimal.valueOf(v % 1_000_000_000L, 3), (long) i));
        }
        List<JunctionType> types = List.of(JunctionType.BIGINT, JunctionType.decimal(18, 3), JunctionType.BIGINT);
        Batch batch = values(types, rows.size(), rows).next();
        for (int column : new int[] {0, 1}) {
            for (boolean ascending : new boolean[] {true, false}) {
                for (boolean nullsFirst : new boolean[] {true, false}) {
                    List<SortKey> keys = List.of(new SortKey(column, ascending, nullsFirst));
                    int[] radix = identity(batch.rowCount());
                    assertThat(LongKeyRadixSort.trySort(radix, radix.length, batch, keys)).isTrue();
                    int[] merge = identity(batch.rowCount());
                    RowComparator.sort(merge, merge.length, RowComparator.of(batch, keys));
                    assertThat(radix).as("%s", keys).isEqualTo(merge);
                }
            }
        }
        // and through the operator, which picks it for a single integer key
        List<List<Object>> sorted = collect(new SortOperator(values(types, 1000, rows), List.of(new SortKey(0, false, false))));
        assertThat(sorted.getFirst().get(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(sorted.getLast().get(0)).isNull();
    }

    @Test
    void ordersLikeTheMergeSortWhicheverDigitTheKeysFirstDifferIn() {
        Random random = new Random(5);
        List<LongSupplier> distributions = List.of(
                () -> 7,                                       // all equal: no digit to split on
                () -> random.nextInt(1000),                    // the second digit splits, the first sorts the buckets
                () -> (long) random.nextInt(256) << 56,        // only the top digit differs
                () -> random.nextInt(3) - 1,                   // -1, 0, 1: every digit of -1 differs from 0's
                () -> random.nextLong() >> random.nextInt(64)); // all magnitudes, many ties among the small ones
        for (LongSupplier distribution : distributions) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 30_000; i++) {
                rows.add(row(distribution.getAsLong(), (long) i));
            }
            Batch batch = values(List.of(JunctionType.BIGINT, JunctionType.BIGINT), rows.size(), rows).next();
            for (boolean ascending : new boolean[] {true, false}) {
                List<SortKey> keys = List.of(new SortKey(0, ascending, false));
                int[] radix = identity(batch.rowCount());
                assertThat(LongKeyRadixSort.trySort(radix, radix.length, batch, keys)).isTrue();
                int[] merge = identity(batch.rowCount());
                RowComparator.sort(merge, merge.length, RowComparator.of(batch, keys));
                assertThat(radix).as("%s", keys).isEqualTo(merge);
            }
        }
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
