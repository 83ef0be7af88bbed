package io.junction.error;

import java.util.Objects;

/**
 * The one exception type Junction lets escape to callers. It carries an {@link ErrorCode}
 * (hence a kind and SQLSTATE) and, for errors in query text, the 1-based line and column.
 */
public class JunctionException extends RuntimeException {
    private final ErrorCode code;
    private final int line;
    private final int column;

    public JunctionException(ErrorCode code, String message) {
        this(code, message, 0, 0, null);
    }

    public JunctionException(ErrorCode code, String message, Throwable cause) {
        this(code, message, 0, 0, cause);
    }

    public JunctionException(ErrorCode code, String message, int line, int column, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.line = line;
        this.column = column;
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorKind kind() {
        return code.kind();
    }

    public String sqlState() {
        return code.sqlState();
    }

    /** 1-based line in the query text, 0 when the error has no position. */
    public int line() {
        return line;
    }

    /** 1-based column in the query text, 0 when the error has no position. */
    public int column() {
        return column;
    }

    public boolean hasPosition() {
        return line > 0;
    }

    /** The message as shown to a user: code, position when known, text. */
    public String describe() {
        String where = hasPosition() ? " at line " + line + ", column " + column : "";
        return "ERROR " + sqlState() + where + ": " + getMessage();
    }

    public static JunctionException internal(String message, Throwable cause) {
        return new JunctionException(ErrorCode.INTERNAL_ERROR, message, cause);
    }
}
