package io.junction.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Produces the rows of one TPC-H table at a scale factor with the TPC-H generator library, either as
 * tab-separated text for bulk loaders or as typed values.
 *
 * <p>Decimal columns are taken from the generator's exact hundredths ({@link TpchColumn#getIdentifier}
 * of a DOUBLE column), never from its double value, so every loaded amount is exactly the one the
 * specification's generator defines. Dates are the generator's epoch days.
 */
public final class TpchRowGenerator {
    /** Receives generated text in UTF-8 chunks of about {@link #CHUNK_BYTES}. */
    @FunctionalInterface
    public interface TextSink {
        void write(byte[] utf8, int length) throws Exception;
    }

    /** Receives one row of typed values: Integer, BigDecimal, LocalDate or String per column; the array is reused. */
    @FunctionalInterface
    public interface RowSink {
        void accept(Object[] row) throws Exception;
    }

    static final int CHUNK_BYTES = 1 << 20;
    static final int PROGRESS_ROWS = 16_384;
    private static final LongConsumer NO_PROGRESS = rows -> {
    };

    private final double scaleFactor;

    public TpchRowGenerator(double scaleFactor) {
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("scale factor must be positive, got " + scaleFactor);
        }
        this.scaleFactor = scaleFactor;
    }

    public double scaleFactor() {
        return scaleFactor;
    }

    /**
     * Writes all rows as lines of tab-separated fields with backslash escapes — the default text format
     * of both PostgreSQL's COPY and MariaDB's LOAD DATA — and returns the number of rows.
     */
    public long writeText(TpchTableLayout table, TextSink sink) throws Exception {
        return writeText(table.generatorTable(), sink, NO_PROGRESS);
    }

    /** As {@link #writeText(TpchTableLayout, TextSink)}, telling {@code rowsSoFar} after each chunk. */
    public long writeText(TpchTableLayout table, TextSink sink, LongConsumer rowsSoFar) throws Exception {
        return writeText(table.generatorTable(), sink, rowsSoFar);
    }

    private <E extends TpchEntity> long writeText(TpchTable<E> table, TextSink sink, LongConsumer rowsSoFar) throws Exception {
        List<TpchColumn<E>> columns = table.getColumns();
        StringBuilder line = new StringBuilder(CHUNK_BYTES + 4096);
        long rows = 0;
        for (E entity : table.createGenerator(scaleFactor, 1, 1)) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    line.append('\t');
                }
                TpchColumn<E> column = columns.get(i);
                switch (column.getType().getBase()) {
                    case IDENTIFIER -> line.append(column.getIdentifier(entity));
                    case INTEGER -> line.append(column.getInteger(entity));
                    case DOUBLE -> appendHundredths(line, column.getIdentifier(entity));
                    case DATE -> line.append(LocalDate.ofEpochDay(column.getDate(entity)));
                    case VARCHAR -> appendEscaped(line, column.getString(entity));
                }
            }
            line.append('\n');
            rows++;
            if (line.length() >= CHUNK_BYTES) {
                flush(line, sink);
                rowsSoFar.accept(rows);
            }
        }
        flush(line, sink);
        rowsSoFar.accept(rows);
        return rows;
    }

    /** Hands every row to {@code sink} as typed values; returns the number of rows. */
    public long forEachRow(TpchTableLayout table, RowSink sink) throws Exception {
        return forEachRow(table.generatorTable(), sink, NO_PROGRESS);
    }

    /** As {@link #forEachRow(TpchTableLayout, RowSink)}, telling {@code rowsSoFar} every {@value #PROGRESS_ROWS} rows. */
    public long forEachRow(TpchTableLayout table, RowSink sink, LongConsumer rowsSoFar) throws Exception {
        return forEachRow(table.generatorTable(), sink, rowsSoFar);
    }

    private <E extends TpchEntity> long forEachRow(TpchTable<E> table, RowSink sink, LongConsumer rowsSoFar) throws Exception {
        List<TpchColumn<E>> columns = table.getColumns();
        Object[] row = new Object[columns.size()];
        long rows = 0;
        for (E entity : table.createGenerator(scaleFactor, 1, 1)) {
            for (int i = 0; i < row.length; i++) {
                TpchColumn<E> column = columns.get(i);
                row[i] = switch (column.getType().getBase()) {
                    case IDENTIFIER -> Math.toIntExact(column.getIdentifier(entity));
                    case INTEGER -> column.getInteger(entity);
                    case DOUBLE -> BigDecimal.valueOf(column.getIdentifier(entity), 2);
                    case DATE -> LocalDate.ofEpochDay(column.getDate(entity));
                    case VARCHAR -> column.getString(entity);
                };
            }
            sink.accept(row);
            if (++rows % PROGRESS_ROWS == 0) {
                rowsSoFar.accept(rows);
            }
        }
        rowsSoFar.accept(rows);
        return rows;
    }

    private static void flush(StringBuilder text, TextSink sink) throws Exception {
        if (text.isEmpty()) {
            return;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        sink.write(bytes, bytes.length);
        text.setLength(0);
    }

    static void appendHundredths(StringBuilder out, long hundredths) {
        if (hundredths < 0) {
            out.append('-');
            hundredths = -hundredths;
        }
        long cents = hundredths % 100;
        out.append(hundredths / 100).append('.').append(cents < 10 ? "0" : "").append(cents);
    }

    static void appendEscaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
