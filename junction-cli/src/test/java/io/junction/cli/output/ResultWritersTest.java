package io.junction.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.ResultColumn;
import io.junction.types.JunctionType;
import io.junction.types.TemporalEncoding;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;
import io.junction.vector.BooleanVector;
import io.junction.vector.DecimalVector;
import io.junction.vector.DoubleVector;
import io.junction.vector.LongVector;
import io.junction.vector.StringVector;
import io.junction.vector.Vector;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ResultWritersTest {
    private static final List<ResultColumn> COLUMNS = List.of(
            new ResultColumn("id", JunctionType.BIGINT, false),
            new ResultColumn("name", JunctionType.VARCHAR, true),
            new ResultColumn("amount", JunctionType.decimal(10, 2), true),
            new ResultColumn("ratio", JunctionType.DOUBLE, true),
            new ResultColumn("day", JunctionType.DATE, true),
            new ResultColumn("at", JunctionType.TIMESTAMP, true),
            new ResultColumn("ok", JunctionType.BOOLEAN, true));

    /** Three rows: plain values, non-ASCII text with NULLs, and text that needs CSV quoting. */
    private static Batch sample() {
        Vector[] v = COLUMNS.stream().map(c -> Vector.create(c.type(), 3)).toArray(Vector[]::new);
        ((LongVector) v[0]).set(0, 1);
        ((StringVector) v[1]).set(0, "Anna");
        ((DecimalVector) v[2]).set(0, new BigDecimal("12345678.90"));
        ((DoubleVector) v[3]).set(0, 0.5);
        ((LongVector) v[4]).set(0, TemporalEncoding.encodeDate(LocalDate.of(2024, 2, 29)));
        ((LongVector) v[5]).set(0, TemporalEncoding.encodeTimestamp(LocalDateTime.of(2024, 2, 29, 13, 5, 0)));
        ((BooleanVector) v[6]).set(0, true);

        ((LongVector) v[0]).set(1, 22);
        ((StringVector) v[1]).set(1, "Zoë 東京");
        ((DecimalVector) v[2]).set(1, new BigDecimal("-0.05"));
        v[3].setNull(1);
        v[4].setNull(1);
        ((LongVector) v[5]).set(1, TemporalEncoding.encodeTimestamp(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_000_000)));
        v[6].setNull(1);

        ((LongVector) v[0]).set(2, 333);
        ((StringVector) v[1]).set(2, "say \"hi\",\nbye");
        v[2].setNull(2);
        ((DoubleVector) v[3]).set(2, 1e20);
        ((LongVector) v[4]).set(2, TemporalEncoding.encodeDate(LocalDate.of(1999, 12, 31)));
        v[5].setNull(2);
        ((BooleanVector) v[6]).set(2, false);
        return new Batch(v, 3);
    }

    private static BatchStream stream(Batch... batches) {
        Deque<Batch> queue = new ArrayDeque<>(List.of(batches));
        return new BatchStream() {
            @Override
            public Batch next() {
                return queue.poll();
            }

            @Override
            public void close() {
            }
        };
    }

    private static String render(Function<PrintWriter, ResultWriter> writer, Batch... batches) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        writer.apply(out).write(COLUMNS, stream(batches));
        out.flush();
        return text.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void tableAlignsColumnsShowsNullAndCountsRows() {
        String table = render(TableResultWriter::new, sample());
        assertThat(table).isEqualTo("""
                 id  | name           | amount      | ratio  | day        | at                      | ok
                -----+----------------+-------------+--------+------------+-------------------------+-------
                   1 | Anna           | 12345678.90 |    0.5 | 2024-02-29 | 2024-02-29 13:05:00     | true
                  22 | Zoë 東京       |       -0.05 | NULL   | NULL       | 2024-01-01 00:00:00.123 | NULL
                 333 | say "hi",\\nbye | NULL        | 1.0E20 | 1999-12-31 | NULL                    | false
                (3 rows)
                """);
    }

    @Test
    void tableStreamsRowsBeyondTheSizingWindowWithTheWidthsAlreadyChosen() {
        String table = render(out -> new TableResultWriter(out, 1), sample());
        assertThat(table.lines().toList()).hasSize(6);
        assertThat(table).startsWith(" id | name | amount      | ratio | day        | at                  | ok\n");
        assertThat(table).contains("\n 22 | Zoë 東京 |").endsWith("(3 rows)\n");
    }

    @Test
    void tableOfNoRowsHasHeaderAndFooter() {
        assertThat(render(TableResultWriter::new)).endsWith("(0 rows)\n").startsWith(" id | name");
    }

    @Test
    void csvQuotesWhereNeededAndLeavesNullEmpty() {
        assertThat(render(CsvResultWriter::new, sample())).isEqualTo(
                "id,name,amount,ratio,day,at,ok\r\n"
                        + "1,Anna,12345678.90,0.5,2024-02-29,2024-02-29 13:05:00,true\r\n"
                        + "22,Zoë 東京,-0.05,,,2024-01-01 00:00:00.123,\r\n"
                        + "333,\"say \"\"hi\"\",\nbye\",,1.0E20,1999-12-31,,false\r\n");
    }

    @Test
    void jsonKeepsDecimalDigitsAsStringsAndUsesIsoDates() throws Exception {
        String json = render(JsonResultWriter::new, sample(), sample());
        assertThat(json.lines().toList()).hasSize(8);
        assertThat(json.lines().findFirst()).hasValue("[");
        assertThat(json.lines().toList().get(1)).isEqualTo("{\"id\": 1, \"name\": \"Anna\", \"amount\": \"12345678.90\", \"ratio\": 0.5, "
                + "\"day\": \"2024-02-29\", \"at\": \"2024-02-29T13:05:00\", \"ok\": true},");
        JsonNode rows = new ObjectMapper().readTree(json);
        assertThat(rows).hasSize(6);
        assertThat(rows.get(1).get("name").asText()).isEqualTo("Zoë 東京");
        assertThat(rows.get(1).get("ratio").isNull()).isTrue();
        assertThat(rows.get(1).get("amount").asText()).isEqualTo("-0.05");
        assertThat(rows.get(1).get("at").asText()).isEqualTo("2024-01-01T00:00:00.123");
        assertThat(rows.get(2).get("name").asText()).isEqualTo("say \"hi\",\nbye");
        assertThat(rows.get(2).get("id").isIntegralNumber()).isTrue();
    }

    @Test
    void jsonOfNoRowsIsAnEmptyArray() throws Exception {
        assertThat(new ObjectMapper().readTree(render(JsonResultWriter::new))).isEmpty();
    }
}
