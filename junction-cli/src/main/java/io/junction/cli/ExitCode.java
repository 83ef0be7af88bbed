package io.junction.cli;

import io.junction.error.ErrorKind;
import io.junction.error.JunctionException;

/**
 * The process exit codes, so scripts can tell whose fault a failure was: the query or configuration
 * (fix it and retry), a source (retry later), or Junction itself (report a bug).
 */
public final class ExitCode {
    public static final int OK = 0;
    /** Wrong command line, query or catalog; also unsupported SQL and exhausted limits. */
    public static final int USER_ERROR = 1;
    /** A source database failed or could not be reached. */
    public static final int SOURCE_FAILURE = 2;
    /** A bug in Junction. */
    public static final int INTERNAL_ERROR = 3;

    private ExitCode() {
    }

    static int of(Throwable failure) {
        if (failure instanceof JunctionException je) {
            return of(je.kind());
        }
        return INTERNAL_ERROR;
    }

    static int of(ErrorKind kind) {
        return switch (kind) {
            case USER_ERROR, UNSUPPORTED, RESOURCE_EXHAUSTED -> USER_ERROR;
            case SOURCE_FAILURE -> SOURCE_FAILURE;
            case INTERNAL -> INTERNAL_ERROR;
        };
    }
}
