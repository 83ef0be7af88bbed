package io.junction.connector;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlOperator;

import io.junction.types.JunctionType;

import java.util.List;
import java.util.Optional;

/**
 * How a SQL-capable source is spoken to: the Calcite dialect that renders fragments for it, and
 * which work it may be given. The federation planner consults this; it never builds SQL text itself.
 */
public interface SourceDialect {
    /** Renders relational fragments as this source's SQL (quoting, literals, functions). */
    SqlDialect calciteDialect();

    /**
     * Whether the source computes {@code operator} on operands of these types with the same result as
     * Junction, once rendered by {@link #calciteDialect()}. Answer false for anything the source lacks,
     * renders differently, or computes with other rules (integer division, decimal scale, time zones).
     * Text collation is checked by the planner, not here.
     */
    boolean canEvaluate(SqlOperator operator, List<RelDataType> operandTypes, RelDataType resultType);

    /**
     * Whether the source computes the edge values of division and SUBSTRING as PostgreSQL and Junction do: a division
     * or remainder by zero fails (SQLSTATE 22012), and a substring's start below 1 counts positions before the first
     * character ({@code SUBSTRING('abc', 0, 2)} is 'a'). Sources that differ (MySQL, MariaDB, SQLite and DuckDB return
     * NULL or infinity for x / 0 and count a negative start from the end) are sent these operations only with constant
     * operands on which they agree; otherwise Junction computes them.
     */
    default boolean postgresEdgeValues() {
        return false;
    }

    /**
     * The source's type name for the elements of one array holding join keys of {@code keyType}, when the source can
     * compare a value with every element of such an array ({@code key IN (SELECT * FROM unnest(ARRAY[…]::type[]))})
     * with the same result as {@code key IN (literals)}; empty when it has no arrays (the bind join then renders a
     * literal IN list).
     */
    default Optional<String> keyArrayElementType(JunctionType keyType) {
        return Optional.empty();
    }
}
