package io.junction.cli;

import io.junction.Junction;
import io.junction.QueryResult;
import io.junction.cli.output.ResultFormat;
import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/** Runs a query and prints its result as it streams, in the chosen format. */
final class QueryPrinter {
    private QueryPrinter() {
    }

    /**
     * @param cancelled polled between batches; when it turns true the query is stopped and reported
     *                  as cancelled (the REPL sets it on Ctrl-C)
     */
    static long run(Junction junction, String sql, ResultFormat format, PrintWriter out, BooleanSupplier cancelled) {
        try (QueryResult result = junction.query(sql)) {
            BatchStream batches = new BatchStream() {
                @Override
                public Batch next() {
                    if (cancelled.getAsBoolean()) {
                        throw new JunctionException(ErrorCode.QUERY_CANCELED, "query cancelled by the user");
                    }
                    return result.nextBatch();
                }

                @Override
                public void close() {
                    result.close();
                }
            };
            return format.writer(out).write(result.columns(), batches);
        } finally {
            out.flush();
        }
    }

    static long run(Junction junction, String sql, ResultFormat format, PrintWriter out) {
        return run(junction, sql, format, out, () -> false);
    }
}
