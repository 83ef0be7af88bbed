package io.junction.connector;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A capability table: which operators and functions a SQL source evaluates the way Junction does.
 * Everything not listed stays in Junction. The standard table holds what every supported source does
 * identically; each dialect removes what its source does differently and adds what it also does.
 */
public final class OperatorCapabilities {
    /** Operators with the same meaning in every SQL source Junction speaks to. */
    private static final Set<SqlKind> STANDARD_KINDS = EnumSet.of(
            SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN,
            SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.AND, SqlKind.OR, SqlKind.NOT, SqlKind.IS_NULL, SqlKind.IS_NOT_NULL,
            SqlKind.IS_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_TRUE, SqlKind.IS_NOT_FALSE,
            SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES, SqlKind.DIVIDE, SqlKind.MINUS_PREFIX, SqlKind.PLUS_PREFIX,
            SqlKind.CASE, SqlKind.COALESCE, SqlKind.NULLIF, SqlKind.CAST, SqlKind.LIKE, SqlKind.SEARCH, SqlKind.IN,
            SqlKind.NOT_IN, SqlKind.BETWEEN, SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.EXTRACT,
            SqlKind.FLOOR, SqlKind.CEIL, SqlKind.TRIM, SqlKind.POSITION,
            SqlKind.COUNT, SqlKind.SUM, SqlKind.SUM0, SqlKind.MIN, SqlKind.MAX, SqlKind.AVG, SqlKind.LITERAL_AGG);

    private static final Set<String> STANDARD_FUNCTIONS = Set.of("UPPER", "LOWER", "SUBSTRING", "CHAR_LENGTH",
            "CHARACTER_LENGTH", "||", "ABS", "MOD", "REPLACE");

    private final Set<SqlKind> kinds;
    private final Set<String> functions;
    private final boolean integerDivisionTruncates;
    private final boolean exactDecimals;
    private final boolean exactAverages;
    private final boolean exactDecimalDivision;
    private final Set<SqlTypeName> castTargetsMissing;

    private OperatorCapabilities(Set<SqlKind> kinds, Set<String> functions, boolean integerDivisionTruncates,
                                 boolean exactDecimals, boolean exactAverages, boolean exactDecimalDivision,
                                 Set<SqlTypeName> castTargetsMissing) {
        this.kinds = kinds;
        this.functions = functions;
        this.integerDivisionTruncates = integerDivisionTruncates;
        this.exactDecimals = exactDecimals;
        this.exactAverages = exactAverages;
        this.exactDecimalDivision = exactDecimalDivision;
        this.castTargetsMissing = castTargetsMissing;
    }

    public static Builder standard() {
        return new Builder();
    }

    public boolean canEvaluate(SqlOperator operator, List<RelDataType> operandTypes, RelDataType resultType) {
        SqlKind kind = operator.getKind();
        boolean listed = kinds.contains(kind)
                || (kind == SqlKind.OTHER_FUNCTION || kind == SqlKind.OTHER) && functions.contains(operator.getName().toUpperCase(Locale.ROOT));
        if (kind == SqlKind.LIKE && operator.getName().toUpperCase(Locale.ROOT).contains("ILIKE")) {
            // Calcite gives ILIKE the kind LIKE; only some sources have it
            listed = functions.contains("ILIKE");
        }
        if (!listed || operator.isDynamicFunction() || !operator.isDeterministic()) {
            return false;
        }
        boolean exactOperands = operandTypes.stream().anyMatch(t -> t.getSqlTypeName() == SqlTypeName.DECIMAL);
        boolean integerOperands = !operandTypes.isEmpty()
                && operandTypes.stream().allMatch(t -> SqlTypeName.INT_TYPES.contains(t.getSqlTypeName()));
        if (kind == SqlKind.DIVIDE && integerOperands && !integerDivisionTruncates) {
            return false;
        }
        boolean arithmetic = kind == SqlKind.PLUS || kind == SqlKind.MINUS || kind == SqlKind.TIMES || kind == SqlKind.DIVIDE
                || kind == SqlKind.SUM || kind == SqlKind.SUM0 || kind == SqlKind.AVG || kind == SqlKind.MOD;
        if (arithmetic && exactOperands && !exactDecimals) {
            return false;
        }
        if (kind == SqlKind.DIVIDE && exactOperands && !exactDecimalDivision) {
            return false;
        }
        if (kind == SqlKind.AVG && !exactAverages && resultType != null && resultType.getSqlTypeName() == SqlTypeName.DECIMAL) {
            return false;
        }
        if (kind == SqlKind.CAST && !operandTypes.isEmpty()) {
            return !castTargetsMissing.contains(resultType.getSqlTypeName()) && castIsSafe(operandTypes.get(0), resultType);
        }
        return true;
    }

    /** Casts between numbers and widening text casts behave alike; text parsing and formatting do not. */
    private static boolean castIsSafe(RelDataType from, RelDataType to) {
        SqlTypeFamily f = from.getSqlTypeName().getFamily();
        SqlTypeFamily t = to.getSqlTypeName().getFamily();
        if (f == SqlTypeFamily.NUMERIC && t == SqlTypeFamily.NUMERIC) {
            // narrowing a DOUBLE to an integer rounds differently across sources
            return !(SqlTypeName.APPROX_TYPES.contains(from.getSqlTypeName()) && SqlTypeName.INT_TYPES.contains(to.getSqlTypeName()));
        }
        if (f == SqlTypeFamily.CHARACTER && t == SqlTypeFamily.CHARACTER) {
            // CHAR to VARCHAR drops the padding everywhere; only a shortening cast could truncate differently
            return to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED || to.getPrecision() >= from.getPrecision();
        }
        return f == t;
    }

    /** Adjusts the standard table for one source. */
    public static final class Builder {
        private final Set<SqlKind> kinds = EnumSet.copyOf(STANDARD_KINDS);
        private final Set<String> functions = new HashSet<>(STANDARD_FUNCTIONS);
        private boolean integerDivisionTruncates = true;
        private boolean exactDecimals = true;
        private boolean exactAverages = true;
        private boolean exactDecimalDivision = true;
        private final Set<SqlTypeName> castTargetsMissing = EnumSet.noneOf(SqlTypeName.class);

        public Builder without(SqlKind... removed) {
            kinds.removeAll(List.of(removed));
            return this;
        }

        public Builder with(SqlKind... added) {
            kinds.addAll(List.of(added));
            return this;
        }

        public Builder withoutFunctions(String... names) {
            functions.removeAll(List.of(names));
            return this;
        }

        public Builder withFunctions(String... names) {
            functions.addAll(List.of(names));
            return this;
        }

        /** The source's {@code /} on integers gives a fraction (MySQL, DuckDB), not a truncated integer. */
        public Builder fractionalIntegerDivision() {
            integerDivisionTruncates = false;
            return this;
        }

        /** The source computes DECIMAL arithmetic inexactly or to another scale (SQLite stores them as REAL). */
        public Builder inexactDecimals() {
            exactDecimals = false;
            return this;
        }

        /** AVG returns fewer digits than Junction's exact average, or a double. */
        public Builder inexactAverages() {
            exactAverages = false;
            return this;
        }

        /**
         * The source divides decimals to fewer digits than Junction's result type holds: MySQL and MariaDB keep
         * div_precision_increment (4) digits more than the dividend (1.00 / 3 is 0.333333), DuckDB returns a double.
         */
        public Builder inexactDecimalDivision() {
            exactDecimalDivision = false;
            return this;
        }

        /** The source has no CAST to these types, or one that reads them otherwise than Junction. */
        public Builder withoutCastsTo(SqlTypeName... targets) {
            castTargetsMissing.addAll(List.of(targets));
            return this;
        }

        public OperatorCapabilities build() {
            return new OperatorCapabilities(EnumSet.copyOf(kinds), Set.copyOf(functions), integerDivisionTruncates,
                    exactDecimals, exactAverages, exactDecimalDivision, Set.copyOf(castTargetsMissing));
        }
    }
}
