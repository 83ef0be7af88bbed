package io.junction.cli.output;

import java.io.PrintWriter;

/** The ways a query result can be printed, as chosen with {@code --format}. */
public enum ResultFormat {
    TABLE, CSV, JSON;

    /** A writer printing results in this format to {@code out}. */
    public ResultWriter writer(PrintWriter out) {
        return switch (this) {
            case TABLE -> new TableResultWriter(out);
            case CSV -> new CsvResultWriter(out);
            case JSON -> new JsonResultWriter(out);
        };
    }
}
