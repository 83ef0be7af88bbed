package io.junction.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the expected results of an {@code .slt} file in the source tree ({@code src/test/resources/slt},
 * relative to the module directory the tests run in) from the lines a run produced. A tool for writing
 * suites: every rewritten answer must be checked by a person (or against PostgreSQL) before it is committed.
 */
final class SltCompletion {
    private static final Path SOURCE_ROOT = Path.of("src/test/resources/slt");

    private SltCompletion() {
    }

    static void rewrite(SltFile file, Map<SltRecord.Query, List<String>> actual) throws IOException {
        Path target = SOURCE_ROOT.resolve(file.name());
        List<String> lines = new ArrayList<>(Files.readAllLines(target, StandardCharsets.UTF_8));
        List<SltRecord.Query> queries = new ArrayList<>(actual.keySet());
        queries.sort(Comparator.comparingInt(SltRecord.Query::resultLine).reversed());
        for (SltRecord.Query q : queries) {
            int start = q.resultLine() - 1;
            boolean hasSeparator = start >= 1 && lines.get(start - 1).strip().equals("----");
            List<String> replacement = new ArrayList<>();
            if (!hasSeparator) {
                replacement.add("----");
            }
            replacement.addAll(actual.get(q));
            List<String> region = lines.subList(start, start + (hasSeparator ? q.expected().size() : 0));
            region.clear();
            region.addAll(replacement);
        }
        Files.writeString(target, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
