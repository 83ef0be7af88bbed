package io.junction.slt;

import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every {@code .slt} suite twice, with pushdown off (all work in Junction's executor) and on. Files that
 * require a feature listed in {@code slt/unsupported-features.txt} are reported as aborted, naming the
 * feature; {@link SltKnownFailingTest} runs them.
 */
class SltSuiteTest {
    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();
    @RegisterExtension
    static final TestDatabases maria = TestDatabases.mariadb();

    @TestFactory
    List<DynamicNode> suites() {
        Set<String> unsupported = SltSuite.unsupportedFeatures();
        List<DynamicNode> tests = new ArrayList<>();
        for (Map.Entry<String, Path> e : SltSuite.files().entrySet()) {
            SltFile file = SltSuite.parse(e.getKey(), e.getValue());
            Set<String> missing = SltSuite.missingFeatures(file, unsupported);
            if (missing.isEmpty()) {
                tests.addAll(SltSuite.tests(file, e.getValue(), pg, maria));
            } else {
                tests.add(DynamicTest.dynamicTest(file.name() + " [known failing]", () -> Assumptions.abort(
                        "requires " + missing + ", listed in slt/unsupported-features.txt; run with -Dgroups="
                                + SltSuite.KNOWN_FAILING_TAG + " (see slt/README.md)")));
            }
        }
        return tests;
    }
}
