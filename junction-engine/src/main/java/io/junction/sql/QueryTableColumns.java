package io.junction.sql;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of the tables a statement reads, under the names the statement gives the tables (an alias, else the
 * table's own name), collected from the parsed statement for "did you mean" hints on unknown columns. Best effort:
 * tables in FROM clauses at every level, not derived tables, and nothing of a table whose source cannot be read.
 */
final class QueryTableColumns {
    private final Map<String, List<String>> columnsByTable = new LinkedHashMap<>();

    QueryTableColumns(SqlNode statement, CalciteCatalogReader reader) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select && select.getFrom() != null) {
                    addFrom(select.getFrom(), reader);
                }
                return super.visit(call);
            }
        });
    }

    private void addFrom(SqlNode from, CalciteCatalogReader reader) {
        if (from instanceof SqlJoin join) {
            addFrom(join.getLeft(), reader);
            addFrom(join.getRight(), reader);
        } else if (from.getKind() == SqlKind.AS && from instanceof SqlCall as && as.operand(0) instanceof SqlIdentifier table
                && as.operand(1) instanceof SqlIdentifier alias) {
            add(alias.getSimple(), table, reader);
        } else if (from instanceof SqlIdentifier table) {
            add(table.names.getLast(), table, reader);
        }
    }

    private void add(String name, SqlIdentifier table, CalciteCatalogReader reader) {
        try {
            RelOptTable found = reader.getTable(table.names);
            if (found != null) {
                columnsByTable.put(name, found.getRowType().getFieldNames());
            }
        } catch (RuntimeException e) {
            // an unreachable source offers no suggestions
        }
    }

    /** The columns of the table the statement calls {@code table}, or of every table it reads when {@code table} is null or unknown. */
    Set<String> columns(String table) {
        List<String> named = table == null ? null : columnsByTable.get(table);
        if (named != null) {
            return new LinkedHashSet<>(named);
        }
        Set<String> all = new LinkedHashSet<>();
        columnsByTable.values().forEach(all::addAll);
        return all;
    }
}
