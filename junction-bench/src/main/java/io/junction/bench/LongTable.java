package io.junction.bench;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.LongVector;
import io.junction.vector.Vector;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * A table of BIGINT columns generated once per benchmark run and given to both engines: to Junction as
 * batches, to DuckDB through its appender, so both work on exactly the same values.
 */
final class LongTable {
    private final String[] names;
    private final long[][] columns;

    /** {@code generators[c]} maps a row number to column c's value. */
    LongTable(int rows, String[] names, LongUnaryOperator... generators) {
        this.names = names;
        this.columns = new long[generators.length][rows];
        for (int c = 0; c < generators.length; c++) {
            for (int r = 0; r < rows; r++) {
                columns[c][r] = generators[c].applyAsLong(r);
            }
        }
    }

    int rowCount() {
        return columns[0].length;
    }

    long bytes() {
        return 8L * rowCount() * columns.length;
    }

    List<JunctionType> types() {
        return Collections.nCopies(columns.length, JunctionType.BIGINT);
    }

    List<Batch> batches() {
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < rowCount(); from += Batch.DEFAULT_SIZE) {
            int n = Math.min(Batch.DEFAULT_SIZE, rowCount() - from);
            Vector[] vectors = new Vector[columns.length];
            for (int c = 0; c < columns.length; c++) {
                LongVector v = (LongVector) Vector.create(JunctionType.BIGINT, n);
                System.arraycopy(columns[c], from, v.values(), 0, n);
                vectors[c] = v;
            }
            batches.add(new Batch(vectors, n));
        }
        return batches;
    }

    void loadInto(DuckDBConnection duck, String table) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (");
        for (int c = 0; c < names.length; c++) {
            ddl.append(c == 0 ? "" : ", ").append(names[c]).append(" BIGINT");
        }
        try (Statement st = duck.createStatement()) {
            st.execute(ddl.append(")").toString());
        }
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
            for (int r = 0; r < rowCount(); r++) {
                appender.beginRow();
                for (long[] column : columns) {
                    appender.append(column[r]);
                }
                appender.endRow();
            }
        }
    }
}
