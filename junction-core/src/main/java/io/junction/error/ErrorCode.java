package io.junction.error;

/** Every error Junction raises, with its kind and a SQLSTATE-style code (PostgreSQL's where one fits). */
public enum ErrorCode {
    SYNTAX_ERROR("42601", ErrorKind.USER_ERROR),
    UNDEFINED_SOURCE("3D000", ErrorKind.USER_ERROR),
    UNDEFINED_SCHEMA("3F000", ErrorKind.USER_ERROR),
    UNDEFINED_TABLE("42P01", ErrorKind.USER_ERROR),
    UNDEFINED_COLUMN("42703", ErrorKind.USER_ERROR),
    UNDEFINED_FUNCTION("42883", ErrorKind.USER_ERROR),
    AMBIGUOUS_COLUMN("42702", ErrorKind.USER_ERROR),
    DATATYPE_MISMATCH("42804", ErrorKind.USER_ERROR),
    INVALID_QUERY("42000", ErrorKind.USER_ERROR),
    DIVISION_BY_ZERO("22012", ErrorKind.USER_ERROR),
    NUMERIC_OVERFLOW("22003", ErrorKind.USER_ERROR),
    INVALID_CAST("22018", ErrorKind.USER_ERROR),
    INVALID_VALUE("22023", ErrorKind.USER_ERROR),
    CARDINALITY_VIOLATION("21000", ErrorKind.USER_ERROR),
    CONFIG_ERROR("F0000", ErrorKind.USER_ERROR),
    UNSUPPORTED_TYPE("0A001", ErrorKind.UNSUPPORTED),
    UNSUPPORTED_FEATURE("0A000", ErrorKind.UNSUPPORTED),
    QUERY_CANCELED("57014", ErrorKind.RESOURCE_EXHAUSTED),
    QUERY_TIMEOUT("57P05", ErrorKind.RESOURCE_EXHAUSTED),
    OUT_OF_MEMORY("53200", ErrorKind.RESOURCE_EXHAUSTED),
    RESULT_TOO_LARGE("54000", ErrorKind.RESOURCE_EXHAUSTED),
    SOURCE_UNREACHABLE("08001", ErrorKind.SOURCE_FAILURE),
    SOURCE_AUTH_FAILED("28000", ErrorKind.SOURCE_FAILURE),
    SOURCE_QUERY_FAILED("58030", ErrorKind.SOURCE_FAILURE),
    INTERNAL_ERROR("XX000", ErrorKind.INTERNAL);

    private final String sqlState;
    private final ErrorKind kind;

    ErrorCode(String sqlState, ErrorKind kind) {
        this.sqlState = sqlState;
        this.kind = kind;
    }

    public String sqlState() {
        return sqlState;
    }

    public ErrorKind kind() {
        return kind;
    }
}
