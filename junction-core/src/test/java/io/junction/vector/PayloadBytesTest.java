package io.junction.vector;

import io.junction.types.JunctionType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** The payload size of batches: natural widths for fixed-width values, characters for text, nothing for NULL. */
class PayloadBytesTest {
    @Test
    void fixedWidthValuesCountTheirWidthAndNullsNothing() {
        // 130 rows: the null bits span three bitmap words, the last one partly used
        LongVector ints = new LongVector(JunctionType.INTEGER, 130);
        LongVector bigints = new LongVector(JunctionType.BIGINT, 130);
        for (int i = 0; i < 130; i++) {
            ints.set(i, i);
            bigints.set(i, i);
        }
        ints.setNull(0);
        ints.setNull(64);
        ints.setNull(129);
        assertThat(PayloadBytes.of(ints, 130)).isEqualTo(4L * 127);
        assertThat(PayloadBytes.of(ints, 129)).as("a NULL past the rows counted does not count").isEqualTo(4L * 127);
        assertThat(PayloadBytes.of(bigints, 130)).isEqualTo(8L * 130);
    }

    @Test
    void textCountsCharactersAndDecimalsTheirPrecisionClass() {
        StringVector text = new StringVector(JunctionType.VARCHAR, 3);
        text.set(0, "abc");
        text.set(1, null);
        text.set(2, "");
        DecimalVector narrow = new DecimalVector(JunctionType.decimal(15, 2), 3);
        DecimalVector wide = new DecimalVector(JunctionType.decimal(38, 2), 3);
        for (int i = 0; i < 3; i++) {
            narrow.set(i, BigDecimal.ONE);
            wide.set(i, BigDecimal.ONE);
        }
        Batch batch = new Batch(new Vector[]{text, narrow, wide}, 3);
        assertThat(PayloadBytes.of(batch)).isEqualTo(3 + 8 * 3 + 16 * 3);
    }
}
