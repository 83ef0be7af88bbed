package io.junction.slt;

import java.util.List;

/** One record of a sqllogictest file; {@code line} is the 1-based line of its first line in the file. */
sealed interface SltRecord {
    int line();

    /** The condition a record runs under ({@code onlyif pushdown=off} / {@code skipif pushdown=on}); null for always. */
    record Condition(boolean only, boolean pushdown) {
        boolean allows(boolean pushdownOn) {
            return only == (pushdownOn == pushdown);
        }
    }

    /**
     * A statement that must succeed ({@code expectedError == null}) or fail with an error matching
     * {@code expectedError} (a SQLSTATE, or a regular expression searched for in "SQLSTATE message"; empty = any error).
     * {@code source} names the source it runs in directly, or is null to run it through Junction.
     */
    record Statement(int line, Condition condition, String source, String expectedError, String sql) implements SltRecord {
    }

    /**
     * A query and its expected result: {@code expected} holds the expected lines as written (one row per
     * line with tab-separated values, or one value per line), or one line {@code N values hashing to MD5}.
     */
    record Query(int line, Condition condition, String types, SortMode sortMode, String label, String sql,
                 List<String> expected, int resultLine) implements SltRecord {
    }

    /** {@code hash-threshold N}: results with more than N values are compared by hash. */
    record HashThreshold(int line, int threshold) implements SltRecord {
    }

    /** {@code halt}: the rest of the file is not run. */
    record Halt(int line) implements SltRecord {
    }

    enum SortMode {
        NOSORT, ROWSORT, VALUESORT
    }
}
