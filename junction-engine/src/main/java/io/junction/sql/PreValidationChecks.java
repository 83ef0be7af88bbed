package io.junction.sql;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.Locale;
import java.util.Set;

/**
 * Checks of calls that Calcite mishandles, made on the parsed statement before validation so that they fail as user
 * errors with their position instead of as internal bugs:
 * <ul>
 *   <li>COALESCE, GREATEST and LEAST without arguments: Calcite takes them as any number of arguments and rewrites
 *       or types them before counting, failing on none with an index error;</li>
 *   <li>an ESCAPE of LIKE or SIMILAR TO that is not one character: Calcite's expression simplifier reads the first
 *       character of an empty one, and Junction's engine takes exactly one.</li>
 * </ul>
 */
final class PreValidationChecks extends SqlBasicVisitor<Void> {
    /** By name: the parser leaves most calls unresolved, and the validator looks them up by name. */
    private static final Set<String> AT_LEAST_ONE = Set.of("coalesce", "greatest", "least");
    private static final Set<SqlKind> WITH_ESCAPE = Set.of(SqlKind.LIKE, SqlKind.SIMILAR);

    static void check(SqlNode statement) {
        statement.accept(new PreValidationChecks());
    }

    @Override
    public Void visit(SqlCall call) {
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (call.operandCount() == 0 && AT_LEAST_ONE.contains(name)) {
            throw userError(ErrorCode.INVALID_QUERY, "function " + name + " takes at least 1 argument, not 0", call.getParserPosition());
        }
        if (WITH_ESCAPE.contains(call.getKind()) && call.operandCount() == 3
                && call.operand(2) instanceof SqlCharStringLiteral escape) {
            String text = escape.getValueAs(String.class);
            if (text.codePointCount(0, text.length()) != 1) {
                // PostgreSQL takes ESCAPE '' as no escape character at all; Calcite cannot plan it
                throw userError(ErrorCode.INVALID_VALUE, "the ESCAPE of " + call.getOperator().getName() + " must be one character, not '"
                        + text + "'" + (text.isEmpty() ? "; for no escape character, escape with one that the pattern does not contain" : ""),
                        escape.getParserPosition());
            }
        }
        return super.visit(call);
    }

    private static JunctionException userError(ErrorCode code, String message, SqlParserPos position) {
        return new JunctionException(code, message, position.getLineNum(), position.getColumnNum(), null);
    }
}
