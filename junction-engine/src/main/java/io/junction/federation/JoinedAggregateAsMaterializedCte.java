package io.junction.federation;

import org.apache.calcite.plan.RelDigest;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Picks the subtrees of a PostgreSQL fragment that {@link RepeatedSubtreeAsCte} writes as {@code WITH … AS
 * MATERIALIZED (…)} although they occur once: an aggregation filtered on its results (a HAVING) over a large input
 * that is one input of a join, such as TPC-H Q18's {@code o_orderkey IN (SELECT l_orderkey FROM lineitem GROUP BY
 * l_orderkey HAVING SUM(l_quantity) > 300)}.
 *
 * <p>Why: PostgreSQL plans such a join with parallel workers but the aggregation on its inner side without them,
 * and then every worker computes the whole aggregation again (Q18 summed all of lineitem three times: 6.2-6.6 s at
 * SF 1). Materialized, it is computed once, and the join looks up the few keys that pass the HAVING (Q18: 57, by
 * index; 3.4-4.1 s). Nobody can estimate what a HAVING keeps, which is why PostgreSQL's own plan makes the same
 * mistake; the join above a materialized WITH runs without workers, which costs little next to the aggregation it
 * no longer repeats.
 */
final class JoinedAggregateAsMaterializedCte {
    /** Input rows below which an aggregation is cheap enough to repeat. */
    static final double MIN_INPUT_ROWS = 1_000_000;

    private JoinedAggregateAsMaterializedCte() {
    }

    /** The shapes in {@code fragment} to materialize, for a dialect that has {@code AS MATERIALIZED}; else none. */
    static Set<RelDigest> shapes(RelNode fragment, SqlDialect dialect) {
        Set<RelDigest> shapes = new LinkedHashSet<>();
        if (dialect instanceof PostgresqlSqlDialect) {
            collect(fragment, shapes);
        }
        return shapes;
    }

    private static void collect(RelNode node, Set<RelDigest> shapes) {
        if (node instanceof Join join) {
            for (RelNode input : join.getInputs()) {
                if (isLargeFilteredAggregate(input)) {
                    shapes.add(input.getRelDigest());
                }
            }
        }
        node.getInputs().forEach(input -> collect(input, shapes));
    }

    private static boolean isLargeFilteredAggregate(RelNode node) {
        RelNode below = node instanceof Project project ? project.getInput() : node;
        if (!(below instanceof Filter filter) || !(filter.getInput() instanceof Aggregate aggregate)
                || !RelOptUtil.getVariablesUsed(node).isEmpty()) {
            return false;
        }
        RelMetadataQuery mq = node.getCluster().getMetadataQuery();
        Double inputRows = mq.getRowCount(aggregate.getInput());
        return inputRows != null && inputRows >= MIN_INPUT_ROWS;
    }

    /** A WITH item PostgreSQL computes once: {@code name (columns) AS MATERIALIZED (query)}. */
    static final class MaterializedWithItem extends SqlWithItem {
        MaterializedWithItem(SqlIdentifier name, SqlNodeList columns, SqlNode query) {
            super(SqlParserPos.ZERO, name, columns, query);
        }

        @Override
        public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
            // as Calcite writes a WITH item, with MATERIALIZED after AS
            name.unparse(writer, 0, 0);
            if (columnList != null) {
                SqlWriter.Frame columns = writer.startList("(", ")");
                for (SqlNode column : columnList) {
                    writer.sep(",");
                    column.unparse(writer, 0, 0);
                }
                writer.endList(columns);
            }
            writer.keyword("AS MATERIALIZED");
            query.unparse(writer, 200, 200);
        }
    }
}
