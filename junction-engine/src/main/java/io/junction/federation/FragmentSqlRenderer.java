package io.junction.federation;

import io.junction.sql.SourceTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * Renders a plan fragment as one SQL statement in a source's dialect, through Calcite's unparser:
 * identifiers and literals are quoted and escaped by the dialect, never pasted in as text. Tables are
 * written as the source knows them ({@code schema.table}, without Junction's source qualifier).
 */
public final class FragmentSqlRenderer extends RelToSqlConverter {
    private FragmentSqlRenderer(SqlDialect dialect) {
        super(dialect);
    }

    public static String render(RelNode fragment, SqlDialect dialect) {
        // each query of the statement (the body, every shared subtree) gets the rewrites and a renderer of its own
        SqlNode statement = RepeatedSubtreeAsCte.render(fragment, dialect, query -> new FragmentSqlRenderer(dialect)
                .visitRoot(SemiJoinAsInSubquery.rewrite(CharComparisonWithoutCast.rewrite(query))).asStatement().accept(WITHOUT_CHARSET_PREFIXES));
        return statement.toSqlString(dialect).getSql();
    }

    /**
     * Renders {@code condition}, a boolean expression over the columns of {@code scan}, as this dialect writes
     * it in the WHERE clause of {@code SELECT … FROM table} (the form {@code Connector.splitScan} takes).
     */
    public static String renderCondition(TableScan scan, RexNode condition, SqlDialect dialect) {
        FragmentSqlRenderer renderer = new FragmentSqlRenderer(dialect);
        SqlSelect select = renderer.visitRoot(CharComparisonWithoutCast.rewrite(LogicalFilter.create(scan, condition))).asSelect();
        SqlNode where = select.getWhere();
        if (where == null) {
            throw new IllegalStateException("a filter rendered without a WHERE clause: " + select);
        }
        return where.accept(WITHOUT_CHARSET_PREFIXES).toSqlString(dialect).getSql();
    }

    /**
     * Text literals are sent without a character-set introducer: Calcite writes one (_UTF-8'x', which no
     * source accepts) whenever a literal's charset differs from its JVM-wide default, and the source's
     * connection charset is what applies anyway.
     */
    private static final SqlShuttle WITHOUT_CHARSET_PREFIXES = new SqlShuttle() {
        @Override
        public SqlNode visit(SqlLiteral literal) {
            if (literal instanceof SqlCharStringLiteral text) {
                return SqlLiteral.createCharString(text.getValueAs(NlsString.class).getValue(), text.getParserPosition());
            }
            return literal;
        }

        /** Likewise CAST(x AS VARCHAR(10) CHARACTER SET "UTF-8"): no source parses the character-set clause. */
        @Override
        public SqlNode visit(SqlDataTypeSpec type) {
            if (type.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic && basic.getCharSetName() != null) {
                SqlTypeName name = SqlTypeName.get(basic.getTypeName().getSimple());
                if (name != null) {
                    return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(name, basic.getPrecision(), basic.getScale(),
                            null, basic.getParserPos()), type.getTimeZone(), type.getNullable(), type.getParserPosition());
                }
            }
            return type;
        }
    };

    @Override
    public Result visit(TableScan scan) {
        SourceTable table = scan.getTable().unwrap(SourceTable.class);
        if (table == null) {
            return super.visit(scan);
        }
        SqlIdentifier name = new SqlIdentifier(List.of(table.metadata().schema(), table.metadata().name()), SqlParserPos.ZERO);
        return result(name, List.of(Clause.FROM), scan, null);
    }

    /** A shared subtree is read by its CTE's name, as a table. */
    public Result visit(RepeatedSubtreeAsCte.Reference reference) {
        return result(reference.identifier(), List.of(Clause.FROM), reference, null);
    }
}
