package io.junction.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.junction.ResultColumn;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Prints a result as a JSON array of objects, one row per line. Integers and floating-point numbers
 * are JSON numbers; DECIMALs are strings holding their exact digits (JSON readers commonly parse
 * numbers as doubles, which would lose digits); dates and times are ISO-8601 strings; bytes are base64.
 */
public final class JsonResultWriter implements ResultWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final PrintWriter out;

    public JsonResultWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public long write(List<ResultColumn> columns, BatchStream batches) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(new OneRowPerLine());
            json.writeStartArray();
            long rows = 0;
            for (Batch batch = batches.next(); batch != null; batch = batches.next()) {
                for (int r = 0; r < batch.rowCount(); r++) {
                    json.writeStartObject();
                    for (int c = 0; c < columns.size(); c++) {
                        json.writeFieldName(columns.get(c).name());
                        writeValue(json, batch.column(c).getObject(r));
                    }
                    json.writeEndObject();
                    rows++;
                }
            }
            json.writeEndArray();
            json.flush();
            out.println();
            out.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case Double d when Double.isFinite(d) -> json.writeNumber(d);
            case Float f when Float.isFinite(f) -> json.writeNumber(f);
            case BigDecimal d -> json.writeString(d.toPlainString());
            case Boolean b -> json.writeBoolean(b);
            case LocalDate d -> json.writeString(DateTimeFormatter.ISO_LOCAL_DATE.format(d));
            case LocalTime t -> json.writeString(DateTimeFormatter.ISO_LOCAL_TIME.format(t));
            case LocalDateTime ts -> json.writeString(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(ts));
            case OffsetDateTime ts -> json.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ts));
            case byte[] bytes -> json.writeBinary(bytes);
            default -> json.writeString(value.toString());
        }
    }

    /** {@code [} and {@code ]} on their own lines with one row object per line between them. */
    private static final class OneRowPerLine extends MinimalPrettyPrinter {
        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw("[\n");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(values == 0 ? "]" : "\n]");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }
    }
}
