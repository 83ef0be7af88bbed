package io.junction.federation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyArrayLiteralTest {
    @Test
    void numbersAndDatesAreWrittenAsPostgresReadsThem() {
        assertThat(KeyArrayLiteral.of(List.of(1, -2L, Long.MIN_VALUE))).hasValue("{1,-2,-9223372036854775808}");
        assertThat(KeyArrayLiteral.of(List.of(new BigDecimal("1E+3"), new BigDecimal("-0.050"))))
                .hasValue("{1000,-0.050}");
        assertThat(KeyArrayLiteral.of(List.of(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31))))
                .hasValue("{0001-01-01,9999-12-31}");
        assertThat(KeyArrayLiteral.of(List.of())).hasValue("{}");
    }

    @Test
    void keysThatWouldNeedQuotingOrAnEraAreLeftToTheArrayConstructor() {
        assertThat(KeyArrayLiteral.of(List.of(1, "a"))).isEmpty();
        assertThat(KeyArrayLiteral.of(List.<Object>of(LocalDate.of(10000, 1, 1)))).isEmpty();
        assertThat(KeyArrayLiteral.of(List.<Object>of(LocalDate.of(0, 12, 31)))).isEmpty();
    }
}
