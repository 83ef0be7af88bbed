package io.junction.federation;

import org.apache.calcite.plan.RelDigest;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Before a fragment is rendered as SQL, takes each subtree that occurs in it more than once and contains an
 * aggregation or a join out into a common table expression, {@code WITH "cte0" ("c", …) AS (…)}, that every
 * occurrence then reads by name. Calcite expands a WITH referenced twice into two identical subtrees, so
 * TPC-H Q15's revenue per supplier (joined once, and once under MAX) reached PostgreSQL as two scans and
 * aggregations of lineitem; written as a CTE it is computed once (PostgreSQL materializes a CTE referenced
 * twice; MySQL, MariaDB, SQLite and DuckDB may as well). A repeated scan, filter or projection is left
 * inline: sources read it as cheaply again, and an inline copy keeps its filters next to the ones above it.
 * <p>
 * Subtrees are compared with Calcite's {@link RelDigest}, whose equality is structural and deep (node kind,
 * traits, attributes, and the inputs' equality in turn). {@link RelNode#getDigest()} is not: it names each
 * input by its node id, which two copies never share; the text of {@link RelNode#explain()} is deep but is
 * written for people and leaves out what it does not print. Only maximal repeats are shared: a repeated part
 * of a shared subtree is computed once with it already. Subtrees that read a correlation variable of the
 * query around them stay inline, since a CTE cannot see it.
 * <p>
 * Subtrees {@link JoinedAggregateAsMaterializedCte} picks are written as a WITH too, once, {@code AS MATERIALIZED}.
 */
final class RepeatedSubtreeAsCte {
    private RepeatedSubtreeAsCte() {
    }

    /** Where an occurrence of a shared subtree was: a leaf that the renderer writes as the CTE's name. */
    static final class Reference extends AbstractRelNode {
        private final String name;
        private final RelDataType rowType;

        Reference(RelNode replaced, String name, RelDataType rowType) {
            super(replaced.getCluster(), replaced.getTraitSet());
            this.name = name;
            this.rowType = rowType;
        }

        SqlIdentifier identifier() {
            return new SqlIdentifier(name, SqlParserPos.ZERO);
        }

        @Override
        protected RelDataType deriveRowType() {
            return rowType;
        }

        @Override
        public RelWriter explainTerms(RelWriter pw) {
            return super.explainTerms(pw).item("cte", name);
        }
    }

    /** {@code rowType}'s field names are the CTE's column list, and those of every {@link Reference} to it. */
    private record Definition(String name, RelDataType rowType, RelNode subtree) {
    }

    /**
     * {@code fragment} as one statement, {@code statement} rendering each query in it: the fragment alone when no
     * subtree is worth sharing, else a WITH whose items are the shared subtrees and whose body reads them by name.
     */
    static SqlNode render(RelNode fragment, SqlDialect dialect, Function<RelNode, SqlNode> statement) {
        Set<RelDigest> shared = sharedShapes(fragment);
        Set<RelDigest> materialized = JoinedAggregateAsMaterializedCte.shapes(fragment, dialect);
        shared.addAll(materialized);
        if (shared.isEmpty()) {
            return statement.apply(fragment);
        }
        Map<RelDigest, Definition> definitions = new LinkedHashMap<>();
        RelNode body = replace(fragment, shared, definitions);
        SqlNodeList items = new SqlNodeList(SqlParserPos.ZERO);
        for (Map.Entry<RelDigest, Definition> entry : definitions.entrySet()) {
            Definition d = entry.getValue();
            SqlNodeList columns = new SqlNodeList(SqlParserPos.ZERO);
            for (String column : d.rowType().getFieldNames()) {
                columns.add(new SqlIdentifier(column, SqlParserPos.ZERO));
            }
            // the explicit column list fixes the names the body reads, whatever aliases the subtree's SELECT gets;
            // the CTE's name cannot hide a table, which the renderer always qualifies with its schema
            SqlIdentifier name = new SqlIdentifier(d.name(), SqlParserPos.ZERO);
            SqlNode query = statement.apply(d.subtree());
            items.add(materialized.contains(entry.getKey()) ? new JoinedAggregateAsMaterializedCte.MaterializedWithItem(name, columns, query)
                    : new SqlWithItem(SqlParserPos.ZERO, name, columns, query));
        }
        return new SqlWith(SqlParserPos.ZERO, items, statement.apply(body));
    }

    /** The shapes to share: maximal, occurring at least twice outside one another, with an aggregation or join. */
    private static Set<RelDigest> sharedShapes(RelNode fragment) {
        Set<RelDigest> shared = new LinkedHashSet<>();
        // a repeat worth sharing holds an aggregation or join in each copy: with fewer than two, nothing to look for
        if (aggregationsAndJoins(fragment) < 2) {
            return shared;
        }
        Map<RelDigest, List<RelNode>> occurrences = new HashMap<>();
        collect(fragment, occurrences);
        List<RelNode> candidates = new ArrayList<>();
        for (List<RelNode> same : occurrences.values()) {
            RelNode first = same.get(0);
            if (same.size() >= 2 && aggregationsAndJoins(first) > 0 && RelOptUtil.getVariablesUsed(first).isEmpty()) {
                candidates.add(first);
            }
        }
        // largest first: a subtree is decided before the repeats inside it, which it may already hide
        Map<RelNode, Integer> sizes = new IdentityHashMap<>();
        candidates.forEach(c -> sizes.put(c, size(c)));
        candidates.sort(Comparator.comparing(sizes::get, Comparator.reverseOrder()));
        for (RelNode candidate : candidates) {
            if (visibleOccurrences(fragment, candidate.getRelDigest(), shared) >= 2) {
                shared.add(candidate.getRelDigest());
            }
        }
        return shared;
    }

    private static void collect(RelNode node, Map<RelDigest, List<RelNode>> occurrences) {
        occurrences.computeIfAbsent(node.getRelDigest(), d -> new ArrayList<>()).add(node);
        node.getInputs().forEach(input -> collect(input, occurrences));
    }

    /** How often {@code shape} occurs in {@code node} outside the subtrees already {@code shared}. */
    private static int visibleOccurrences(RelNode node, RelDigest shape, Set<RelDigest> shared) {
        RelDigest digest = node.getRelDigest();
        if (digest.equals(shape)) {
            return 1;
        }
        if (shared.contains(digest)) {
            return 0;
        }
        int n = 0;
        for (RelNode input : node.getInputs()) {
            n += visibleOccurrences(input, shape, shared);
        }
        return n;
    }

    /** {@code node} with each shared subtree replaced by a reference, the first occurrence of each defining it. */
    private static RelNode replace(RelNode node, Set<RelDigest> shared, Map<RelDigest, Definition> definitions) {
        RelDigest digest = node.getRelDigest();
        if (shared.contains(digest)) {
            Definition definition = definitions.computeIfAbsent(digest, d -> {
                // copies may differ in field names only; all read the first's, unique regardless of case as MySQL wants
                List<String> columns = SqlValidatorUtil.uniquify(node.getRowType().getFieldNames(), false);
                RelDataType rowType = node.getCluster().getTypeFactory().createStructType(
                        node.getRowType().getFieldList().stream().map(f -> f.getType()).toList(), columns);
                return new Definition("cte" + definitions.size(), rowType, node);
            });
            return new Reference(node, definition.name(), definition.rowType());
        }
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode input : node.getInputs()) {
            RelNode replaced = replace(input, shared, definitions);
            inputs.add(replaced);
            changed |= replaced != input;
        }
        return changed ? node.copy(node.getTraitSet(), inputs) : node;
    }

    private static int aggregationsAndJoins(RelNode node) {
        int n = node instanceof Aggregate || node instanceof Join ? 1 : 0;
        for (RelNode input : node.getInputs()) {
            n += aggregationsAndJoins(input);
        }
        return n;
    }

    private static int size(RelNode node) {
        int n = 1;
        for (RelNode input : node.getInputs()) {
            n += size(input);
        }
        return n;
    }
}
