package io.junction.sql;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.Locale;
import java.util.Set;

/**
 * Checks, before validation, that COALESCE, GREATEST and LEAST have an argument. Calcite checks argument counts while
 * validating, but takes these as any number of arguments and rewrites or types them first, failing on none with an
 * index error that would reach the user as an internal bug.
 */
final class FunctionArgumentCounts extends SqlBasicVisitor<Void> {
    /** By name: the parser leaves most calls unresolved, and the validator looks them up by name. */
    private static final Set<String> AT_LEAST_ONE = Set.of("coalesce", "greatest", "least");

    static void check(SqlNode statement) {
        statement.accept(new FunctionArgumentCounts());
    }

    @Override
    public Void visit(SqlCall call) {
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (call.operandCount() == 0 && AT_LEAST_ONE.contains(name)) {
            throw new JunctionException(ErrorCode.INVALID_QUERY, "function " + name + " takes at least 1 argument, not 0", call.getParserPosition().getLineNum(),
                    call.getParserPosition().getColumnNum(), null);
        }
        return super.visit(call);
    }
}
