package io.junction.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `junction demo`, the README's main command, end to end on freshly made embedded sources. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoRunsEveryQueryWithItsPlan() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = JunctionCli.run(new String[]{"demo", "--dir", dir.toString()}, new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]), false);
        assertThat(err.toString()).doesNotContain("ERROR");
        assertThat(code).isZero();
        String text = out.toString();
        assertThat(text).doesNotContain("ERROR");
        assertThat(text.split("--- plan", -1)).hasSize(6);
        assertThat(text).contains("SourceScan[crm (sqlite)]", "SourceScan[sales (duckdb)]", "SourceScan[files (csv)]");
        assertThat(text).containsPattern("\\(\\d+ rows\\)");
    }
}
