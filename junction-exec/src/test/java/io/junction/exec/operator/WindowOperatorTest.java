package io.junction.exec.operator;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.junction.exec.Rows.collect;
import static io.junction.exec.Rows.row;
import static io.junction.exec.Rows.values;
import static io.junction.types.JunctionType.BIGINT;
import static io.junction.types.JunctionType.INTEGER;
import static io.junction.types.JunctionType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowOperatorTest {
    private static final JunctionType DEC = JunctionType.decimal(10, 2);

    /** (partition, key, value) rows over batches of two, so partitions cross batch boundaries. */
    private static Operator input() {
        return values(List.of(INTEGER, INTEGER, DEC), 2, List.of(
                row(1, 10, new BigDecimal("1.00")), row(2, 5, new BigDecimal("2.00")), row(1, 20, null),
                row(1, 10, new BigDecimal("3.50")), row(null, 7, new BigDecimal("4.00")), row(2, null, new BigDecimal("5.00")),
                row(1, 30, new BigDecimal("-1.25"))));
    }

    private static List<List<Object>> run(List<SortKey> order, WindowFrame frame, WindowCall... calls) {
        return collect(new WindowOperator(input(), new int[] {0}, order, frame, List.of(calls)));
    }

    private static final List<SortKey> BY_KEY = List.of(new SortKey(1, true, false));

    @Test
    void rankingFunctionsPerPartitionWithPeersAndNullKeysLast() {
        assertThat(run(BY_KEY, WindowFrame.DEFAULT, WindowCall.of(WindowFunction.ROW_NUMBER, -1, BIGINT),
                WindowCall.of(WindowFunction.RANK, -1, BIGINT), WindowCall.of(WindowFunction.DENSE_RANK, -1, BIGINT)))
                .containsExactly(
                        row(null, 7, new BigDecimal("4.00"), 1L, 1L, 1L),
                        row(1, 10, new BigDecimal("1.00"), 1L, 1L, 1L), row(1, 10, new BigDecimal("3.50"), 2L, 1L, 1L),
                        row(1, 20, null, 3L, 3L, 2L), row(1, 30, new BigDecimal("-1.25"), 4L, 4L, 3L),
                        row(2, 5, new BigDecimal("2.00"), 1L, 1L, 1L), row(2, null, new BigDecimal("5.00"), 2L, 2L, 2L));
    }

    @Test
    void ntileGivesEarlierBucketsTheExtraRows() {
        assertThat(WindowOperator.ntile(0, 7, 3)).isEqualTo(1);
        assertThat(WindowOperator.ntile(2, 7, 3)).isEqualTo(1);
        assertThat(WindowOperator.ntile(3, 7, 3)).isEqualTo(2);
        assertThat(WindowOperator.ntile(6, 7, 3)).isEqualTo(3);
        assertThat(WindowOperator.ntile(1, 2, 5)).isEqualTo(2);
        assertThatThrownBy(() -> run(BY_KEY, WindowFrame.DEFAULT, new WindowCall(WindowFunction.NTILE, -1, 0, null, JunctionType.NULL, BIGINT)))
                .isInstanceOfSatisfying(JunctionException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE));
    }

    @Test
    void lagAndLeadStayInTheirPartitionAndUseTheCastDefault() {
        List<List<Object>> rows = run(BY_KEY, WindowFrame.DEFAULT,
                new WindowCall(WindowFunction.LAG, 2, 1, 0L, BIGINT, DEC),
                new WindowCall(WindowFunction.LEAD, 1, 2, null, JunctionType.NULL, INTEGER));
        assertThat(rows.stream().map(r -> r.subList(3, 5)).toList()).containsExactly(
                row(new BigDecimal("0.00"), null),
                row(new BigDecimal("0.00"), 20), row(new BigDecimal("1.00"), 30), row(new BigDecimal("3.50"), null), row(null, null),
                row(new BigDecimal("0.00"), null), row(new BigDecimal("2.00"), null));
    }

    @Test
    void frameAggregatesOverRowsFramesSkipNulls() {
        WindowFrame slide = new WindowFrame(true, WindowFrameBound.preceding(BigDecimal.ONE), WindowFrameBound.following(BigDecimal.ONE));
        List<List<Object>> rows = run(BY_KEY, slide, WindowCall.of(WindowFunction.SUM, 2, JunctionType.decimal(38, 2)),
                WindowCall.of(WindowFunction.COUNT, 2, BIGINT), WindowCall.of(WindowFunction.COUNT_STAR, -1, BIGINT),
                WindowCall.of(WindowFunction.MIN, 2, DEC), WindowCall.of(WindowFunction.FIRST_VALUE, 2, DEC),
                WindowCall.of(WindowFunction.LAST_VALUE, 2, DEC));
        assertThat(rows.stream().map(r -> r.subList(3, 9)).toList()).containsExactly(
                row(new BigDecimal("4.00"), 1L, 1L, new BigDecimal("4.00"), new BigDecimal("4.00"), new BigDecimal("4.00")),
                row(new BigDecimal("4.50"), 2L, 2L, new BigDecimal("1.00"), new BigDecimal("1.00"), new BigDecimal("3.50")),
                row(new BigDecimal("4.50"), 2L, 3L, new BigDecimal("1.00"), new BigDecimal("1.00"), null),
                row(new BigDecimal("2.25"), 2L, 3L, new BigDecimal("-1.25"), new BigDecimal("3.50"), new BigDecimal("-1.25")),
                row(new BigDecimal("-1.25"), 1L, 2L, new BigDecimal("-1.25"), null, new BigDecimal("-1.25")),
                row(new BigDecimal("7.00"), 2L, 2L, new BigDecimal("2.00"), new BigDecimal("2.00"), new BigDecimal("5.00")),
                row(new BigDecimal("7.00"), 2L, 2L, new BigDecimal("2.00"), new BigDecimal("2.00"), new BigDecimal("5.00")));
    }

    @Test
    void rangeOffsetsSearchTheKeyAndNullKeysFrameTheirPeers() {
        WindowFrame range = new WindowFrame(false, WindowFrameBound.preceding(BigDecimal.TEN), WindowFrameBound.CURRENT_ROW);
        List<List<Object>> rows = run(BY_KEY, range, WindowCall.of(WindowFunction.COUNT_STAR, -1, BIGINT));
        assertThat(rows.stream().map(r -> r.get(3)).toList()).containsExactly(1L, 2L, 2L, 3L, 2L, 1L, 1L);
        List<SortKey> descending = List.of(new SortKey(1, false, true));
        WindowFrame ahead = new WindowFrame(false, WindowFrameBound.CURRENT_ROW, WindowFrameBound.following(BigDecimal.TEN));
        assertThat(run(descending, ahead, WindowCall.of(WindowFunction.COUNT_STAR, -1, BIGINT)).stream().map(r -> r.subList(1, 4)).toList())
                .containsExactly(row(7, new BigDecimal("4.00"), 1L), row(30, new BigDecimal("-1.25"), 2L), row(20, null, 3L), row(10, new BigDecimal("1.00"), 2L),
                        row(10, new BigDecimal("3.50"), 2L), row(null, new BigDecimal("5.00"), 1L), row(5, new BigDecimal("2.00"), 1L));
    }

    @Test
    void runningSumOverManyBatchesIsExact() {
        List<List<Object>> data = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            data.add(row(i % 3, i, Long.MAX_VALUE / 2));
        }
        Operator in = values(List.of(INTEGER, INTEGER, BIGINT), 7, data);
        List<List<Object>> rows = collect(new WindowOperator(in, new int[] {0}, List.of(new SortKey(1, true, false)), WindowFrame.DEFAULT,
                List.of(WindowCall.of(WindowFunction.SUM, 2, JunctionType.decimal(38, 0)))));
        assertThat(rows).hasSize(5000);
        assertThat(rows.get(2)).isEqualTo(row(0, 6, Long.MAX_VALUE / 2, new BigDecimal(Long.MAX_VALUE / 2).multiply(BigDecimal.valueOf(3))));
    }

    @Test
    void emptyInputGivesNoRows() {
        Operator empty = values(List.of(INTEGER, VARCHAR), 3, List.of());
        assertThat(collect(new WindowOperator(empty, new int[0], List.of(), WindowFrame.PARTITION,
                List.of(WindowCall.of(WindowFunction.ROW_NUMBER, -1, BIGINT))))).isEmpty();
    }
}
