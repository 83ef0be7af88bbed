package io.junction.slt;

import io.junction.Junction;
import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code .slt} files under {@code src/test/resources/slt}, and how one of them runs in one pushdown mode.
 * A file whose {@code # requires:} header names a feature listed in {@code slt/unsupported-features.txt} is
 * "known failing": {@link SltSuiteTest} reports it as aborted with the reason, {@link SltKnownFailingTest}
 * (tag {@value #KNOWN_FAILING_TAG}, excluded from the default run) runs it.
 *
 * <p>With {@code -Djunction.slt.complete=on} (or {@code off}) the expected results of every query that ran are
 * rewritten in the source tree from what Junction returned in that mode; review the diff before committing.
 */
final class SltSuite {
    static final String KNOWN_FAILING_TAG = "slt-known-failing";
    private static final String ROOT = "slt";
    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(120);

    private SltSuite() {
    }

    /** Every suite file, by its path relative to the suite root. */
    static Map<String, Path> files() {
        Path root = root();
        try (Stream<Path> walk = Files.walk(root)) {
            Map<String, Path> files = new LinkedHashMap<>();
            walk.filter(p -> p.toString().endsWith(".slt")).sorted(Comparator.comparing(Path::toString))
                    .forEach(p -> files.put(root.relativize(p).toString().replace('\\', '/'), p));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SltFile parse(String name, Path path) {
        try {
            return SltParser.parse(name, Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Features the engine does not support yet, from {@code slt/unsupported-features.txt} (text after # is a note). */
    static Set<String> unsupportedFeatures() {
        try {
            Set<String> features = new TreeSet<>();
            for (String line : Files.readAllLines(root().resolve("unsupported-features.txt"), StandardCharsets.UTF_8)) {
                String feature = line.replaceAll("#.*", "").strip();
                if (!feature.isEmpty()) {
                    features.add(feature.toLowerCase(java.util.Locale.ROOT));
                }
            }
            return features;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The required features of {@code file} that are listed as unsupported. */
    static Set<String> missingFeatures(SltFile file, Set<String> unsupported) {
        Set<String> missing = new TreeSet<>(file.requires());
        missing.retainAll(unsupported);
        return missing;
    }

    /** One dynamic test per mode that runs {@code file} in fresh sources. */
    static List<DynamicTest> tests(SltFile file, Path path, TestDatabases pg, TestDatabases maria) {
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean pushdown : new boolean[]{false, true}) {
            tests.add(DynamicTest.dynamicTest(file.name() + " [pushdown " + (pushdown ? "on" : "off") + "]", path.toUri(),
                    () -> assertTimeoutPreemptively(FILE_TIMEOUT, () -> runAndAssert(file, path, pg, maria, pushdown))));
        }
        return tests;
    }

    private static void runAndAssert(SltFile file, Path path, TestDatabases pg, TestDatabases maria, boolean pushdown) throws Exception {
        List<String> failures;
        try (SltSources sources = new SltSources(pg, maria)) {
            sources.reset();
            try (Junction junction = sources.junction(pushdown)) {
                SltRunner runner = new SltRunner(file, sources, junction, pushdown);
                failures = runner.run();
                String complete = System.getProperty("junction.slt.complete");
                if (complete != null && complete.equals(pushdown ? "on" : "off")) {
                    SltCompletion.rewrite(file, runner.actualLines());
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failing record(s) in " + file.name() + "\n\n" + String.join("\n", failures));
        }
    }

    private static Path root() {
        URL url = SltSuite.class.getClassLoader().getResource(ROOT);
        if (url == null) {
            throw new IllegalStateException("no '" + ROOT + "' directory on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
