package io.junction.exec.operator;

/**
 * A failure that happened in work an operator ran on another thread (a statement sent early, an input read ahead),
 * thrown again on the reader's thread: as itself when unchecked, so its error code reaches the user unchanged.
 */
final class OtherThreadFailure {
    private OtherThreadFailure() {
    }

    /** {@code failure} to throw on this thread; an Error is thrown from here. */
    static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(failure);
    }
}
