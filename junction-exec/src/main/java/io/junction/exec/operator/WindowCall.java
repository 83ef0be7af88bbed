package io.junction.exec.operator;

import io.junction.types.JunctionType;

/**
 * One window function call: the function, its value column ({@code -1} when it takes none), a constant
 * parameter (NTILE's bucket count, LAG/LEAD's offset; 0 otherwise), LAG/LEAD's default value with its type
 * ({@code null} value for none), and the result type as the validator typed it.
 */
public record WindowCall(WindowFunction function, int argument, long parameter, Object defaultValue, JunctionType defaultType,
                         JunctionType resultType) {
    public static WindowCall of(WindowFunction function, int argument, JunctionType resultType) {
        return new WindowCall(function, argument, 0, null, JunctionType.NULL, resultType);
    }

    @Override
    public String toString() {
        String args = argument < 0 ? "" : "$" + argument;
        if (function == WindowFunction.NTILE) {
            args = Long.toString(parameter);
        } else if (function == WindowFunction.LAG || function == WindowFunction.LEAD) {
            args += ", " + parameter + (defaultValue == null ? "" : ", " + defaultValue);
        }
        return function + "(" + args + ")";
    }
}
