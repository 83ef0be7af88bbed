package io.junction.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatementsTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        SqlStatements.Split split = SqlStatements.split("""
                SELECT 'a;b', "x;y" FROM t; -- one; two
                SELECT 1 /* ; */ ;;
                SELECT 'it''s; here'
                """);
        assertThat(split.complete()).containsExactly("SELECT 'a;b', \"x;y\" FROM t", "-- one; two\nSELECT 1 /* ; */");
        assertThat(split.remainder().strip()).isEqualTo("SELECT 'it''s; here'");
    }

    @Test
    void anOpenStringLiteralKeepsTheStatementUnfinished() {
        SqlStatements.Split split = SqlStatements.split("SELECT 'first line;\n");
        assertThat(split.complete()).isEmpty();
        assertThat(SqlStatements.split(split.remainder() + "second'; ").complete()).containsExactly("SELECT 'first line;\nsecond'");
    }
}
