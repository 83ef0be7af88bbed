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
import java.util.HashMap;
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
 * rewritten in the source tree from what Junction returned in that mode; with {@code =postgres} from what
 * PostgreSQL returns for the query with its {@code pg.} qualifiers removed (files whose tables all live in
 * {@code pg}). Review the diff before committing.
 */
final class SltSuite {
    static final String KNOWN_FAILING_TAG = "slt-known-failing";
    private static final String ROOT = "slt";
    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(120);

    private SltSuite() {
    }

    /** Every suite file (or those whose name matches {@code -Djunction.slt.files=REGEX}), by path relative to the root. */
    static Map<String, Path> files() {
        Path root = root();
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(System.getProperty("junction.slt.files", ".*"));
        try (Stream<Path> walk = Files.walk(root)) {
            Map<String, Path> files = new LinkedHashMap<>();
            walk.filter(p -> p.toString().endsWith(".slt")).sorted(Comparator.comparing(Path::toString))
                    .map(p -> Map.entry(root.relativize(p).toString().replace('\\', '/'), p))
                    .filter(e -> only.matcher(e.getKey()).find())
                    .forEach(e -> files.put(e.getKey(), e.getValue()));
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

    /**
     * One dynamic test per mode. The file runs once, in fresh sources, with both modes side by side (its
     * {@code source=} statements run once); the first test triggers the run and each test reports its mode.
     */
    static List<DynamicTest> tests(SltFile file, Path path, TestDatabases pg, TestDatabases maria) {
        Map<Boolean, List<String>> outcome = new HashMap<>();
        Object[] error = new Object[1];
        Runnable runOnce = () -> {
            if (outcome.isEmpty() && error[0] == null) {
                try {
                    outcome.putAll(assertTimeoutPreemptively(FILE_TIMEOUT, () -> run(file, pg, maria)));
                } catch (Throwable t) {
                    error[0] = t;
                }
            }
        };
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean pushdown : new boolean[]{false, true}) {
            tests.add(DynamicTest.dynamicTest(file.name() + " [pushdown " + (pushdown ? "on" : "off") + "]", path.toUri(), () -> {
                runOnce.run();
                if (error[0] != null) {
                    throw (Throwable) error[0];
                }
                List<String> failures = outcome.getOrDefault(pushdown, List.of());
                if (!failures.isEmpty()) {
                    fail(failures.size() + " failing record(s) in " + file.name() + "\n\n" + String.join("\n", failures));
                }
            }));
        }
        return tests;
    }

    private static Map<Boolean, List<String>> run(SltFile file, TestDatabases pg, TestDatabases maria) throws Exception {
        String complete = System.getProperty("junction.slt.complete", "");
        try (SltSources sources = new SltSources(pg, maria)) {
            sources.reset();
            if (complete.equals("postgres")) {
                SltRunner.Mode reference = new SltRunner.Mode(null, false);
                new SltRunner(file, sources, List.of(reference)).run();
                SltCompletion.rewrite(file, reference.actualLines);
                return Map.of(false, reference.failures);
            }
            try (Junction off = sources.junction(false); Junction on = sources.junction(true)) {
                SltRunner.Mode offMode = new SltRunner.Mode(off, false);
                SltRunner.Mode onMode = new SltRunner.Mode(on, true);
                new SltRunner(file, sources, List.of(offMode, onMode)).run();
                if (!complete.isEmpty()) {
                    SltCompletion.rewrite(file, (complete.equals("on") ? onMode : offMode).actualLines);
                }
                return Map.of(false, offMode.failures, true, onMode.failures);
            }
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
