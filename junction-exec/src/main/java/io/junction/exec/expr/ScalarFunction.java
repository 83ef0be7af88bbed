package io.junction.exec.expr;

/**
 * The scalar functions and operators the executor evaluates. The planner maps the validated SQL
 * operators onto these; the argument and result types come from the validator.
 */
public enum ScalarFunction {
    // comparison (two arguments of comparable types; the planner casts them to a common type first)
    EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
    IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM,
    // logic (AND/OR take two or more arguments)
    AND, OR, NOT, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE,
    // arithmetic (numeric arguments already cast to the result type, except DECIMAL which keeps its scales)
    PLUS, MINUS, TIMES, DIVIDE, MOD, NEGATE,
    // conditional: CASE(cond1, value1, cond2, value2, ..., else), COALESCE(a, b, ...), NULLIF(a, b)
    CASE, COALESCE, NULLIF,
    /** CAST(arg AS result type). */
    CAST,
    /** LIKE(value, pattern) or LIKE(value, pattern, escape); ILIKE and SIMILAR likewise. */
    LIKE, ILIKE, SIMILAR,
    /** IN(value, candidate1, candidate2, ...). */
    IN,
    // text
    UPPER, LOWER, CHAR_LENGTH, CONCAT, SUBSTRING, TRIM, POSITION, REPLACE,
    /** LPAD/RPAD(text, length [, fill]). */
    LPAD, RPAD,
    /** TRIM_CHARS(side literal 'LEADING' | 'TRAILING' | 'BOTH', characters, text). */
    TRIM_CHARS,
    // math
    ABS, ROUND, FLOOR, CEIL, SIGN,
    // math in double precision
    POWER, SQRT, LN, EXP,
    // date/time: EXTRACT(unit literal, value) where unit is a VARCHAR literal like 'YEAR'
    EXTRACT,
    /** DATE_TRUNC(unit literal, value). */
    DATE_TRUNC,
    /** ADD_MICROS(datetime, BIGINT microseconds) and ADD_MONTHS(datetime, BIGINT months): datetime plus an interval. */
    ADD_MICROS, ADD_MONTHS
}
