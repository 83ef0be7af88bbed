package io.junction.federation;

import io.junction.sql.SourceTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * Renders a plan fragment as one SQL statement in a source's dialect, through Calcite's unparser:
 * identifiers and literals are quoted and escaped by the dialect, never pasted in as text. Tables are
 * written as the source knows them ({@code schema.table}, without Junction's source qualifier).
 */
public final class FragmentSqlRenderer extends RelToSqlConverter {
    private final SqlDialect dialect;

    private FragmentSqlRenderer(SqlDialect dialect) {
        super(dialect);
        this.dialect = dialect;
    }

    public static String render(RelNode fragment, SqlDialect dialect) {
        FragmentSqlRenderer renderer = new FragmentSqlRenderer(dialect);
        SqlNode statement = renderer.visitRoot(fragment).asStatement();
        return statement.toSqlString(renderer.dialect).getSql();
    }

    @Override
    public Result visit(TableScan scan) {
        SourceTable table = scan.getTable().unwrap(SourceTable.class);
        if (table == null) {
            return super.visit(scan);
        }
        SqlIdentifier name = new SqlIdentifier(List.of(table.metadata().schema(), table.metadata().name()), SqlParserPos.ZERO);
        return result(name, List.of(Clause.FROM), scan, null);
    }
}
