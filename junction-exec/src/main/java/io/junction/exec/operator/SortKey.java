package io.junction.exec.operator;

/** One ORDER BY key: an input column, its direction and where NULLs go. */
public record SortKey(int column, boolean ascending, boolean nullsFirst) {
}
