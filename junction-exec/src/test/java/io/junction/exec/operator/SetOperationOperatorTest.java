package io.junction.exec.operator;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.junction.exec.Rows.collect;
import static io.junction.exec.Rows.row;
import static io.junction.exec.Rows.values;
import static io.junction.types.JunctionType.INTEGER;
import static io.junction.types.JunctionType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

class SetOperationOperatorTest {
    private static Operator left() {
        return values(List.of(INTEGER, VARCHAR), 2, List.of(row(1, "a"), row(1, "a"), row(1, "a"), row(null, null), row(null, null), row(2, "b"), row(3, null)));
    }

    private static Operator right() {
        return values(List.of(INTEGER, VARCHAR), 3, List.of(row(1, "a"), row(null, null), row(null, null), row(null, null), row(3, "c"), row(1, "a")));
    }

    private static List<List<Object>> run(SetOperationOperator.Kind kind, boolean all, Operator... inputs) {
        return collect(new SetOperationOperator(kind, all, List.of(inputs)));
    }

    @Test
    void intersectTreatsNullsAsEqual() {
        assertThat(run(SetOperationOperator.Kind.INTERSECT, false, left(), right())).containsExactlyInAnyOrder(row(1, "a"), row(null, null));
        assertThat(run(SetOperationOperator.Kind.INTERSECT, true, left(), right()))
                .containsExactlyInAnyOrder(row(1, "a"), row(1, "a"), row(null, null), row(null, null));
    }

    @Test
    void exceptCountsCopiesWithAll() {
        assertThat(run(SetOperationOperator.Kind.EXCEPT, false, left(), right())).containsExactlyInAnyOrder(row(2, "b"), row(3, null));
        assertThat(run(SetOperationOperator.Kind.EXCEPT, true, left(), right())).containsExactlyInAnyOrder(row(1, "a"), row(2, "b"), row(3, null));
        assertThat(run(SetOperationOperator.Kind.EXCEPT, true, left(), right(), left())).isEmpty();
    }

    @Test
    void emptyInputs() {
        Operator empty = values(List.of(INTEGER, VARCHAR), 2, List.of());
        assertThat(run(SetOperationOperator.Kind.INTERSECT, true, left(), empty)).isEmpty();
        Operator empty2 = values(List.of(INTEGER, VARCHAR), 2, List.of());
        assertThat(run(SetOperationOperator.Kind.EXCEPT, false, left(), empty2)).hasSize(4);
    }
}
