package io.junction.error;

/** Who is at fault, which tells a caller whether retrying or rewriting the query can help. */
public enum ErrorKind {
    /** The query or configuration is wrong; the user must change it. */
    USER_ERROR,
    /** Valid SQL that Junction does not handle yet. */
    UNSUPPORTED,
    /** A memory, time or size limit was hit. */
    RESOURCE_EXHAUSTED,
    /** A source database failed, refused or could not be reached. */
    SOURCE_FAILURE,
    /** A bug in Junction. */
    INTERNAL
}
