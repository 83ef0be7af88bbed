package io.junction.exec;

import io.junction.exec.operator.Operator;
import io.junction.exec.operator.ValuesOperator;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers: operators from literal rows, and all rows of an operator as lists. */
public final class Rows {
    private Rows() {
    }

    public static List<Object> row(Object... values) {
        // row(null) passes a null array, meaning one NULL value
        return values == null ? Arrays.asList((Object) null) : Arrays.asList(values);
    }

    public static Operator values(List<JunctionType> types, int batchSize, List<List<Object>> rows) {
        return new ValuesOperator(types, rows, batchSize);
    }

    public static List<List<Object>> collect(Operator operator) {
        List<List<Object>> rows = new ArrayList<>();
        Batch batch;
        while ((batch = operator.next()) != null) {
            if (batch.rowCount() == 0) {
                throw new AssertionError("operator returned an empty batch");
            }
            if (batch.rowCount() > Batch.DEFAULT_SIZE) {
                throw new AssertionError("operator returned an oversized batch of " + batch.rowCount());
            }
            for (int i = 0; i < batch.rowCount(); i++) {
                rows.add(batch.row(i));
            }
        }
        if (operator.next() != null) {
            throw new AssertionError("operator returned a batch after its end");
        }
        operator.close();
        return rows;
    }

    /** One batch holding the given rows, for expression tests. */
    public static Batch batch(List<JunctionType> types, List<List<Object>> rows) {
        Batch batch = new ValuesOperator(types, rows, Math.max(1, rows.size())).next();
        return batch == null ? new Batch(new io.junction.vector.Vector[0], 0) : batch;
    }
}
