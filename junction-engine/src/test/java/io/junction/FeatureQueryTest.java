package io.junction;

import io.junction.connector.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;

/**
 * Runs each query of a subclass's static {@code queries()} over {@link FeatureTables} in PostgreSQL twice,
 * in Junction's own engine (pushdown off) and pushed (on), and compares both with PostgreSQL's answer.
 * The subclasses run one after another, each in the schema created and dropped around it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FeatureQueryTest {
    @RegisterExtension
    static final TestDatabases pg = TestDatabases.postgres();
    protected Junction local;
    protected Junction pushed;
    protected PostgresReference reference;

    @BeforeAll
    void setUp() {
        FeatureTables.create(pg);
        local = Junction.builder().source(pg.config("pg")).settings(EngineSettings.defaults().withPushdown(false)).build();
        pushed = Junction.builder().source(pg.config("pg")).build();
        reference = new PostgresReference(pg);
    }

    @AfterAll
    void tearDown() {
        local.close();
        pushed.close();
    }

    @ParameterizedTest
    @MethodSource("queries")
    void matchesPostgresInJunctionsEngine(String query) throws SQLException {
        reference.assertSame(local, query);
    }

    @ParameterizedTest
    @MethodSource("queries")
    void matchesPostgresWithPushdown(String query) throws SQLException {
        reference.assertSame(pushed, query);
    }
}
