package io.junction.tpch;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TpchKitTest {
    @Test
    void decimalsAreWrittenFromExactHundredths() {
        StringBuilder out = new StringBuilder();
        TpchRowGenerator.appendHundredths(out, 2471035);
        out.append(' ');
        TpchRowGenerator.appendHundredths(out, -5);
        out.append(' ');
        TpchRowGenerator.appendHundredths(out, 1700);
        assertThat(out).hasToString("24710.35 -0.05 17.00");
    }

    @Test
    void textIsEscapedForCopyAndLoadData() {
        StringBuilder out = new StringBuilder();
        TpchRowGenerator.appendEscaped(out, "a\tb\\c\nd");
        assertThat(out).hasToString("a\\tb\\\\c\\nd");
    }

    @Test
    void generatesTheSpecificationsRows() throws Exception {
        TpchRowGenerator generator = new TpchRowGenerator(0.01);
        StringBuilder text = new StringBuilder();
        long rows = generator.writeText(TpchTableLayout.of("nation"), (bytes, length) -> text.append(new String(bytes, 0, length, StandardCharsets.UTF_8)));
        assertThat(rows).isEqualTo(25);
        assertThat(text.toString().lines().findFirst().orElseThrow()).startsWith("0\tALGERIA\t0\t");

        List<Object[]> first = new java.util.ArrayList<>();
        generator.forEachRow(TpchTableLayout.of("lineitem"), row -> {
            if (first.isEmpty()) {
                first.add(row.clone());
            }
        });
        // l_orderkey, l_partkey, l_suppkey, l_linenumber, l_quantity, l_extendedprice, l_discount, l_tax, …, l_shipdate
        assertThat(first.get(0)).startsWith(1, 1552, 93, 1, new java.math.BigDecimal("17.00"), new java.math.BigDecimal("24710.35"),
                new java.math.BigDecimal("0.04"), new java.math.BigDecimal("0.02"), "N", "O", java.time.LocalDate.of(1996, 3, 13));
    }

    @Test
    void layoutsUseTheSpecificationsTypes() {
        TpchTableLayout lineitem = TpchTableLayout.of("lineitem");
        assertThat(lineitem.createTable("s.lineitem", false))
                .contains("l_quantity DECIMAL(15,2) NOT NULL", "l_shipdate DATE NOT NULL", "l_returnflag CHAR(1) NOT NULL", "l_comment VARCHAR(44) NOT NULL");
        assertThat(lineitem.addPrimaryKey("s.lineitem")).isEqualTo("ALTER TABLE s.lineitem ADD PRIMARY KEY (l_orderkey, l_linenumber)");
        assertThat(TpchTableLayout.all()).hasSize(8);
    }

    @Test
    void queriesResolveTableNamesAndTheirOrder() {
        TpchQuery q11 = TpchQuery.number(11);
        String sql = q11.sql(TpchSplit.federatedNames("pg", "s1", "my"), 0.01);
        assertThat(sql).contains("from pg.s1.partsupp, my.supplier, my.nation").contains("* 0.01").doesNotContain("{");
        assertThat(q11.sortKeyColumns()).containsExactly(1);
        assertThat(TpchQuery.number(2).sortKeyColumns()).containsExactly(0, 2, 1, 3);
        assertThat(TpchQuery.number(2).limited()).isTrue();
        assertThat(TpchQuery.number(6).ordered()).isFalse();
        assertThat(TpchQuery.all()).hasSize(22);
        assertThatThrownBy(() -> TpchQuery.number(1).sql(Map.of(), 1)).hasMessageContaining("{lineitem}");
    }

    @Test
    void comparisonAcceptsReorderedTiesButNotWrongOrder() {
        TpchQuery q21 = TpchQuery.number(21); // order by numwait desc, s_name; limit 100
        List<List<Object>> expected = TpchResultComparison.normalize(List.of(List.of("b", 3), List.of("a", 2), List.of("c", 2)));
        assertThat(TpchResultComparison.mismatch(q21, expected, TpchResultComparison.normalize(
                List.of(List.of("b", 3L), List.of("a", new java.math.BigDecimal("2.0")), List.of("c", 2))))).isNull();
        // the last rows are tied on numwait but s_name is part of the key, so they are ordered too
        assertThat(TpchResultComparison.mismatch(q21, expected, TpchResultComparison.normalize(
                List.of(List.of("b", 3), List.of("c", 2), List.of("a", 2))))).contains("sort key");
        TpchQuery q3 = TpchQuery.number(3); // order by revenue desc, o_orderdate; limit 10: rows tied at the cut may differ
        List<List<Object>> cut = List.of(List.of(1, 10, "d", 0), List.of(2, 5, "d", 0));
        assertThat(TpchResultComparison.mismatch(q3, TpchResultComparison.normalize(cut),
                TpchResultComparison.normalize(List.of(List.of(1, 10, "d", 0), List.of(7, 5, "d", 0))))).isNull();
        assertThat(TpchResultComparison.mismatch(q3, TpchResultComparison.normalize(cut),
                TpchResultComparison.normalize(List.of(List.of(9, 10, "d", 0), List.of(2, 5, "d", 0))))).isNotNull();
    }
}
