package io.junction.connector;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a source's statistics say about one column's values. Every figure is an estimate from the source's last
 * sampling (ANALYZE or its equivalent) and may be stale; a figure the source does not keep is empty.
 *
 * @param column        the column's name, as the source spells it
 * @param distinctCount number of distinct non-null values
 * @param nullFraction  fraction of rows (0 to 1) whose value is NULL
 * @param min           smallest value as the source prints it, only for numeric and temporal columns
 * @param max           largest value as the source prints it, only for numeric and temporal columns
 */
public record ColumnStatistics(String column, OptionalLong distinctCount, OptionalDouble nullFraction,
                               Optional<String> min, Optional<String> max) {
    public ColumnStatistics {
        if (nullFraction.isPresent() && (nullFraction.getAsDouble() < 0 || nullFraction.getAsDouble() > 1)) {
            throw new IllegalArgumentException("null fraction out of [0, 1]: " + nullFraction.getAsDouble());
        }
    }

    /** A column with a distinct count and null fraction only. */
    public static ColumnStatistics of(String column, OptionalLong distinctCount, OptionalDouble nullFraction) {
        return new ColumnStatistics(column, distinctCount, nullFraction, Optional.empty(), Optional.empty());
    }
}
