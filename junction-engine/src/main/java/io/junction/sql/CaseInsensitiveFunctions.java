package io.junction.sql;

import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;

import java.util.List;

/**
 * An operator table that finds functions whatever the case of their name. Junction folds unquoted
 * identifiers to lower case and matches names case-sensitively (PostgreSQL's rules), which would make
 * {@code lpad(...)} or {@code bool_and(...)} miss Calcite's upper-case entries; PostgreSQL itself treats
 * function names like any identifier, so {@code LPAD} and {@code lpad} are one function.
 */
final class CaseInsensitiveFunctions implements SqlOperatorTable {
    private static final SqlNameMatcher ANY_CASE = SqlNameMatchers.withCaseSensitive(false);

    private final SqlOperatorTable delegate;

    CaseInsensitiveFunctions(SqlOperatorTable delegate) {
        this.delegate = delegate;
    }

    @Override
    public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
                                        List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
        delegate.lookupOperatorOverloads(opName, category, syntax, operatorList, ANY_CASE);
        if (operatorList.contains(PostgresFunctions.ROUND)) {
            // Junction's ROUND shadows Calcite's: two matching overloads would be ambiguous
            operatorList.removeIf(op -> op != PostgresFunctions.ROUND && op.getName().equalsIgnoreCase("ROUND"));
        }
    }

    @Override
    public List<SqlOperator> getOperatorList() {
        return delegate.getOperatorList();
    }
}
