package io.junction.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JunctionCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return JunctionCli.run(args, new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]), false);
    }

    @Test
    void unknownCommandIsAUserErrorWithAHint() {
        assertThat(run("frobnicate")).isEqualTo(ExitCode.USER_ERROR);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'frobnicate'").contains("junction --help");
    }

    @Test
    void unknownOptionAndMissingQueryAreUserErrors() {
        assertThat(run("sql", "--format", "xml", "SELECT 1")).isEqualTo(ExitCode.USER_ERROR);
        assertThat(err.toString()).contains("--format").contains("xml");
        assertThat(run("sql")).isEqualTo(ExitCode.USER_ERROR);
        assertThat(err.toString()).contains("Missing required parameter: 'QUERY'");
    }

    @Test
    void missingCatalogFileSaysWhatToDo() {
        Path missing = dir.resolve("nope.yaml");
        assertThat(run("--config", missing.toString(), "sources")).isEqualTo(ExitCode.USER_ERROR);
        assertThat(err.toString()).startsWith("ERROR F0000: catalog file " + missing.toAbsolutePath() + " not found")
                .contains("--config FILE").contains("junction demo").doesNotContain("at io.junction");
    }

    @Test
    void noSubcommandAndNothingOnStdinPrintsUsage() {
        assertThat(run()).isEqualTo(ExitCode.USER_ERROR);
        assertThat(err.toString()).contains("Usage: junction");
    }

    @Test
    void helpAndVersionSucceed() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: junction").contains("demo").contains("Exit codes");
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("junction 0.");
    }

    @Test
    void listsSourcesAndTablesOfACatalog() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/products.csv"), "id,name\n1,Kettle\n");
        Files.writeString(dir.resolve("junction.yaml"), "sources:\n  files: { type: csv, path: data }\n");
        String config = dir.resolve("junction.yaml").toString();
        assertThat(run("--config", config, "sources")).isZero();
        assertThat(out.toString()).isEqualTo(" source | type\n--------+------\n files  | csv\n".replace("\n", System.lineSeparator()));
        assertThat(run("--config", config, "tables", "files")).isZero();
        assertThat(out.toString()).contains(" files  | main   | products | table");
        assertThat(run("--config", config, "tables", "nosuch")).isEqualTo(ExitCode.USER_ERROR);
        assertThat(err.toString()).contains("ERROR 3D000: no source named 'nosuch'");
    }

    @Test
    void failuresOutsideJunctionAreInternalErrorsWithoutStackTraceUnlessDebugging() {
        int code = FailureReport.print(new IllegalStateException("boom"), new PrintWriter(err), false);
        assertThat(code).isEqualTo(ExitCode.INTERNAL_ERROR);
        assertThat(err.toString()).startsWith("ERROR XX000: internal error: java.lang.IllegalStateException: boom")
                .contains("--debug").doesNotContain("\tat ");
        FailureReport.print(new IllegalStateException("boom"), new PrintWriter(err), true);
        assertThat(err.toString()).contains("\tat ");
    }
}
