package io.junction.exec.operator;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.types.TypeKind;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

/**
 * The running state of one aggregate call for every group, held in arrays indexed by group id so adding a
 * row costs no allocation.
 */
interface Accumulator {
    /**
     * Adds rows {@code 0..rowCount}: row i belongs to group {@code groupIds[i]}; ids are below
     * {@code groupCount}. {@code input} is the argument column, or null for COUNT(*).
     */
    void add(int[] groupIds, int groupCount, Vector input, int rowCount);

    /**
     * Adds rows {@code 0..rowCount} of {@code batch} whose argument column is {@code argument} ({@code -1}
     * for none); accumulators that read more than one column (STRING_AGG) override this.
     */
    default void addBatch(int[] groupIds, int groupCount, Batch batch, int argument, int rowCount) {
        add(groupIds, groupCount, argument < 0 ? null : batch.column(argument), rowCount);
    }

    /**
     * One value of the call's result type per group {@code 0..groupCount}. Called once, last: an accumulator may
     * hand its state over to the result (which {@link #estimatedBytes} then no longer counts) and is done.
     */
    Vector result(int groupCount);

    /**
     * Heap bytes the state of {@code groupCount} groups holds, for memory accounting; the default suits
     * a fixed number of primitive slots per group. Accumulators whose state grows with the rows (distinct
     * sets, collected values) must override it.
     */
    default long estimatedBytes(int groupCount) {
        return 16L * groupCount;
    }

    static Accumulator create(AggregateCall call, JunctionType inputType) {
        Accumulator plain = switch (call.function()) {
            case COUNT_STAR, COUNT -> new CountAccumulator(call.resultType());
            case SUM, AVG -> {
                TypeKind kind = inputType.kind();
                boolean average = call.function() == AggregateFunction.AVG;
                if (kind == TypeKind.REAL || kind == TypeKind.DOUBLE) {
                    yield new DoubleSumAccumulator(average, call.resultType());
                }
                if (kind.isInteger() || kind == TypeKind.DECIMAL) {
                    yield new ExactSumAccumulator(average, inputType, call.resultType());
                }
                throw new JunctionException(ErrorCode.DATATYPE_MISMATCH, call.function() + " needs a number, not " + inputType);
            }
            case MIN, MAX -> new MinMaxAccumulator(call.function() == AggregateFunction.MAX, inputType, call.resultType());
            case VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP -> new VarianceAccumulator(call.function(), inputType, call.resultType());
            case STRING_AGG -> {
                if (call.distinct()) {
                    throw new JunctionException(ErrorCode.UNSUPPORTED_FEATURE, "STRING_AGG(DISTINCT ...) is not supported by Junction's engine yet");
                }
                yield new StringAggAccumulator(call.secondArgument(), call.order(), call.resultType());
            }
            case SINGLE_VALUE -> new SingleValueAccumulator(inputType, call.resultType());
        };
        if (call.distinct() && call.function() != AggregateFunction.COUNT_STAR) {
            return new DistinctAccumulator(plain, inputType);
        }
        return plain;
    }
}
