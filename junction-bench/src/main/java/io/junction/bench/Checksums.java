package io.junction.bench;

import io.junction.exec.operator.Operator;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;

/** Drains an operator, summing one column so the JIT cannot drop the work. */
final class Checksums {
    private Checksums() {
    }

    static long sum(Operator operator, int column) {
        long sum = 0;
        Batch batch;
        while ((batch = operator.next()) != null) {
            long[] values = ((LongVector) batch.column(column)).values();
            for (int i = 0; i < batch.rowCount(); i++) {
                sum += values[i];
            }
        }
        operator.close();
        return sum;
    }
}
