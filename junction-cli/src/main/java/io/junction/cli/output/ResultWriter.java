package io.junction.cli.output;

import io.junction.ResultColumn;
import io.junction.vector.BatchStream;

import java.util.List;

/**
 * Prints a result as it streams: implementations pull batches one at a time and keep at most a
 * bounded number of rows (the table format, to size its columns), never the whole result.
 */
public interface ResultWriter {
    /** Prints every row of {@code batches} (which it does not close) and returns how many there were. */
    long write(List<ResultColumn> columns, BatchStream batches);
}
