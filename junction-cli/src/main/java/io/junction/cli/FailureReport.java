package io.junction.cli;

import io.junction.error.JunctionException;

import java.io.PrintWriter;

/**
 * How a failure is shown: {@link JunctionException#describe()} (SQLSTATE, position, message) for
 * Junction's own errors, a one-line internal error for anything else, and the stack trace only when
 * {@code --debug} asks for it.
 */
final class FailureReport {
    private FailureReport() {
    }

    /** Prints {@code failure} to {@code err} and returns the exit code it calls for. */
    static int print(Throwable failure, PrintWriter err, boolean debug) {
        if (failure instanceof JunctionException je) {
            err.println(je.describe());
        } else {
            err.println(JunctionException.internal("internal error: " + failure, failure).describe()
                    + (debug ? "" : " (run with --debug for the stack trace)"));
        }
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
        return ExitCode.of(failure);
    }
}
