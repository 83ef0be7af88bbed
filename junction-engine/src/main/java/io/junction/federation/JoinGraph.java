package io.junction.federation;

import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A tree of inner joins seen as one n-way join: the relations it joins (its inputs that are not themselves such
 * joins) and the conjuncts of all its conditions, written over the relations' fields laid side by side (relation
 * 0's fields first, then relation 1's, and so on: the "graph fields"). Joining the relations in any order and
 * applying each conjunct as soon as every relation it reads is joined gives the same rows, which is what makes
 * reordering legal. Only inner joins with deterministic, uncorrelated conditions are flattened (through
 * projections that only select columns); outer, semi and anti joins, and every other node, are relations:
 * barriers the reordering never crosses.
 */
final class JoinGraph {
    /** Relations are sets of bits in a long. */
    static final int MAX_RELATIONS = 63;

    private final RelNode root;
    private final List<RelNode> relations = new ArrayList<>();
    private final List<Integer> firstFields = new ArrayList<>();
    private final List<RexNode> predicates = new ArrayList<>();
    private final List<RelDataType> fieldTypes = new ArrayList<>();
    /** Predicates from this index on are implied by the query's own equalities (see {@link #addImpliedEqualities}). */
    private int statedPredicates;
    private long[] predicateRelations;
    private ImmutableBitSet[] predicateFields;
    /** For each output field of the reordered tree (the root's fields read above it), the graph field it is. */
    private int[] outputFields;
    private List<String> outputNames;

    private JoinGraph(RelNode root) {
        this.root = root;
    }

    /**
     * The graph of the inner-join tree rooted at {@code root}; empty when {@code root} is not a reorderable join.
     *
     * @param usedFields the root's fields read above it: the reordered tree returns these, in their order
     */
    static Optional<JoinGraph> of(RelNode root, ImmutableBitSet usedFields) {
        if (!isReorderable(root)) {
            return Optional.empty();
        }
        JoinGraph graph = new JoinGraph(root);
        int[] rootFields = graph.flatten(root);
        graph.outputFields = usedFields.toList().stream().mapToInt(f -> rootFields[f]).toArray();
        graph.outputNames = usedFields.toList().stream().map(f -> root.getRowType().getFieldNames().get(f)).toList();
        if (graph.relations.size() > MAX_RELATIONS) {
            return Optional.empty();
        }
        graph.addImpliedEqualities(root.getCluster().getRexBuilder());
        int count = graph.predicates.size();
        graph.predicateRelations = new long[count];
        graph.predicateFields = new ImmutableBitSet[count];
        for (int p = 0; p < count; p++) {
            graph.predicateFields[p] = RelOptUtil.InputFinder.bits(graph.predicates.get(p));
            for (int field : graph.predicateFields[p]) {
                graph.predicateRelations[p] |= 1L << graph.relationOf(field);
            }
        }
        return Optional.of(graph);
    }

    /** An inner join the reordering may take apart: its condition neither varies between runs nor reads outer rows. */
    static boolean isReorderable(RelNode node) {
        return node instanceof LogicalJoin join && join.getJoinType() == JoinRelType.INNER
                && join.getVariablesSet().isEmpty() && RexUtil.isDeterministic(join.getCondition())
                && !RexUtil.containsCorrelation(join.getCondition()) && !RexUtil.SubQueryFinder.containsSubQuery(join);
    }

    /** Adds the relations and conjuncts under {@code node}; returns the graph field of each of its output fields. */
    private int[] flatten(RelNode node) {
        if (isReorderable(node)) {
            Join join = (Join) node;
            int[] left = flatten(join.getLeft());
            int[] right = flatten(join.getRight());
            int[] fields = new int[left.length + right.length];
            System.arraycopy(left, 0, fields, 0, left.length);
            System.arraycopy(right, 0, fields, left.length, right.length);
            for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
                if (!conjunct.isAlwaysTrue()) {
                    predicates.add(renumber(conjunct, fields));
                }
            }
            return fields;
        }
        if (node instanceof Project project && isReorderable(project.getInput()) && isFieldSelection(project)) {
            int[] input = flatten(project.getInput());
            int[] fields = new int[project.getProjects().size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = input[((RexInputRef) project.getProjects().get(i)).getIndex()];
            }
            return fields;
        }
        int first = fieldTypes.size();
        relations.add(node);
        firstFields.add(first);
        int[] fields = new int[node.getRowType().getFieldCount()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = first + i;
            fieldTypes.add(node.getRowType().getFieldList().get(i).getType());
        }
        return fields;
    }

    /**
     * Adds the equalities that follow from the others by transitivity ({@code a = b AND b = c} gives {@code a = c}),
     * after the query's own predicates, so relations equated only through a third can be joined directly (a
     * customer and a nation through the supplier's nation key). Only equalities of two plain fields of one type
     * take part, where {@code =} is transitive without casts. Redundant conditions never change a join's rows,
     * and {@link JoinCardinality} counts the selectivity of each equivalence only once.
     */
    private void addImpliedEqualities(RexBuilder rexBuilder) {
        statedPredicates = predicates.size();
        FieldEquivalences equal = new FieldEquivalences(fieldTypes.size());
        java.util.Set<List<Integer>> stated = new java.util.HashSet<>();
        for (RexNode predicate : predicates) {
            int[] fields = plainEqualityFields(predicate);
            if (fields != null) {
                equal.merge(fields[0], fields[1]);
                stated.add(List.of(Math.min(fields[0], fields[1]), Math.max(fields[0], fields[1])));
            }
        }
        for (int a = 0; a < fieldTypes.size(); a++) {
            for (int b = a + 1; b < fieldTypes.size(); b++) {
                if (equal.equal(a, b) && relationOf(a) != relationOf(b) && !stated.contains(List.of(a, b))) {
                    predicates.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS,
                            new RexInputRef(a, fieldTypes.get(a)), new RexInputRef(b, fieldTypes.get(b))));
                }
            }
        }
    }

    /**
     * A reference, among {@code fields} (the joined inputs' graph fields in order), to {@code field} or to a field the
     * inputs already made equal to it ({@code below}: the equalities applied under this join).
     */
    private RexInputRef presentEqual(int field, List<Integer> fields, FieldEquivalences below) {
        int position = fields.indexOf(field);
        for (int i = 0; position < 0 && i < fields.size(); i++) {
            if (below.equal(fields.get(i), field)) {
                position = i;
            }
        }
        if (position < 0) {
            throw new IllegalStateException("join field " + field + " was projected away without an equal field kept");
        }
        return new RexInputRef(position, fieldTypes.get(fields.get(position)));
    }

    /** Which fields the equalities already applied among {@code relations} make equal. */
    private FieldEquivalences equivalencesBelow(long relations, boolean[] applied) {
        FieldEquivalences equal = new FieldEquivalences(fieldTypes.size());
        for (int p = 0; p < predicates.size(); p++) {
            int[] fields = applied[p] && (predicateRelations[p] & ~relations) == 0 ? plainEqualityFields(predicates.get(p)) : null;
            if (fields != null) {
                equal.merge(fields[0], fields[1]);
            }
        }
        return equal;
    }

    /** The two fields of {@code a = b} when both are plain fields of the same type, else null. */
    private int[] plainEqualityFields(RexNode predicate) {
        if (predicate.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> operands = ((RexCall) predicate).getOperands();
        if (operands.get(0) instanceof RexInputRef a && operands.get(1) instanceof RexInputRef b
                && fieldTypes.get(a.getIndex()).getSqlTypeName() == fieldTypes.get(b.getIndex()).getSqlTypeName()
                && fieldTypes.get(a.getIndex()).getPrecision() == fieldTypes.get(b.getIndex()).getPrecision()
                && fieldTypes.get(a.getIndex()).getScale() == fieldTypes.get(b.getIndex()).getScale()) {
            return new int[]{a.getIndex(), b.getIndex()};
        }
        return null;
    }

    private static boolean isFieldSelection(Project project) {
        return project.getProjects().stream().allMatch(e -> e instanceof RexInputRef);
    }

    /** {@code expression} with each field reference i replaced by a reference to {@code fields[i]}. */
    private static RexNode renumber(RexNode expression, int[] fields) {
        return expression.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(fields[ref.getIndex()], ref.getType());
            }
        });
    }

    int relationCount() {
        return relations.size();
    }

    List<RelNode> relations() {
        return relations;
    }

    RelNode relation(int i) {
        return relations.get(i);
    }

    /** The graph field of field 0 of relation {@code i}. */
    int firstField(int relation) {
        return firstFields.get(relation);
    }

    int fieldCount() {
        return fieldTypes.size();
    }

    RelDataType fieldType(int field) {
        return fieldTypes.get(field);
    }

    int relationOf(int field) {
        int relation = 0;
        while (relation + 1 < firstFields.size() && firstFields.get(relation + 1) <= field) {
            relation++;
        }
        return relation;
    }

    /** Fields of the relations in {@code relations}. */
    ImmutableBitSet fieldsOf(long relations) {
        ImmutableBitSet.Builder fields = ImmutableBitSet.builder();
        for (int r = 0; r < relationCount(); r++) {
            if ((relations & (1L << r)) != 0) {
                fields.set(firstField(r), firstField(r) + relation(r).getRowType().getFieldCount());
            }
        }
        return fields.build();
    }

    List<RexNode> predicates() {
        return predicates;
    }

    /** The relations predicate {@code p} reads, as bits. */
    long predicateRelations(int p) {
        return predicateRelations[p];
    }

    /** For each predicate, the relations it reads. */
    long[] predicateRelations() {
        return predicateRelations.clone();
    }

    /** The two graph fields {@code predicate} equates, or null when it is not an equality of two fields. */
    static int[] equalityFields(RexNode predicate) {
        if (predicate.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> operands = ((RexCall) predicate).getOperands();
        if (RexUtil.removeCast(operands.get(0)) instanceof RexInputRef a && RexUtil.removeCast(operands.get(1)) instanceof RexInputRef b) {
            return new int[]{a.getIndex(), b.getIndex()};
        }
        return null;
    }

    /** Whether some predicate equates a field of relations {@code a} with one of relations {@code b}: they join by hashing. */
    boolean equiJoined(long a, long b) {
        ImmutableBitSet fieldsA = fieldsOf(a);
        ImmutableBitSet fieldsB = fieldsOf(b);
        for (RexNode predicate : predicates) {
            int[] fields = equalityFields(predicate);
            if (fields != null && (fieldsA.get(fields[0]) && fieldsB.get(fields[1]) || fieldsA.get(fields[1]) && fieldsB.get(fields[0]))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The hash keys of the join {@link #toRel} builds between the joined sets {@code a} and {@code b}: for each
     * equality of two bare fields among the predicates that join applies, the field of {@code a} and the field of
     * {@code b}, in the order {@link #build} writes them; like it, an equality of plain fields that the equalities
     * inside {@code a} and {@code b} and the ones before it already imply is left out, and equalities through a cast
     * are no keys (they stay in the residual condition, as in Calcite's {@code JoinInfo}).
     */
    List<int[]> joinKeys(long a, long b) {
        FieldEquivalences equal = new FieldEquivalences(fieldCount());
        for (int p = 0; p < predicates.size(); p++) {
            int[] fields = (predicateRelations[p] & ~a) == 0 || (predicateRelations[p] & ~b) == 0 ? plainEqualityFields(predicates.get(p)) : null;
            if (fields != null) {
                equal.merge(fields[0], fields[1]);
            }
        }
        ImmutableBitSet fieldsOfA = fieldsOf(a);
        List<int[]> keys = new ArrayList<>();
        for (int p = 0; p < predicates.size(); p++) {
            long reads = predicateRelations[p];
            if ((reads & ~(a | b)) != 0 || (reads & ~a) == 0 || (reads & ~b) == 0) {
                continue;
            }
            int[] plain = plainEqualityFields(predicates.get(p));
            if (plain != null && !equal.merge(plain[0], plain[1])) {
                continue;
            }
            int[] fields = plain != null ? plain : bareEqualityFields(predicates.get(p));
            if (fields != null) {
                keys.add(fieldsOfA.get(fields[0]) ? fields : new int[]{fields[1], fields[0]});
            }
        }
        return keys;
    }

    /** The two fields of {@code a = b} when both operands are fields, of any types, else null. */
    private static int[] bareEqualityFields(RexNode predicate) {
        if (predicate.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> operands = ((RexCall) predicate).getOperands();
        return operands.get(0) instanceof RexInputRef x && operands.get(1) instanceof RexInputRef y ? new int[]{x.getIndex(), y.getIndex()} : null;
    }

    /** Replaces relation {@code i} by an equivalent node with the same row type (its own joins reordered). */
    void replaceRelation(int i, RelNode relation) {
        relations.set(i, relation);
    }

    /** Fields of the joined {@code relations} read above them: by the root's output or by predicates applied later. */
    ImmutableBitSet fieldsNeededAbove(long relations) {
        ImmutableBitSet fields = fieldsOf(relations);
        java.util.BitSet needed = new java.util.BitSet();
        for (int field : outputFields) {
            needed.set(field);
        }
        for (int p = 0; p < statedPredicates; p++) {
            if ((predicateRelations[p] & ~relations) != 0) {
                predicateFields[p].forEach(needed::set);
            }
        }
        // an implied equality needs its field here only if no field already kept is equal to it among these relations
        FieldEquivalences equal = equivalencesAmong(relations);
        java.util.BitSet representatives = new java.util.BitSet();
        fields.forEach(f -> {
            if (needed.get(f)) {
                representatives.set(equal.representative(f));
            }
        });
        for (int p = statedPredicates; p < predicates.size(); p++) {
            if ((predicateRelations[p] & ~relations) != 0) {
                for (int field : predicateFields[p].intersect(fields)) {
                    if (!representatives.get(equal.representative(field))) {
                        representatives.set(equal.representative(field));
                        needed.set(field);
                    }
                }
            }
        }
        return ImmutableBitSet.fromBitSet(needed).intersect(fields);
    }

    /** Which fields the plain equalities among {@code relations} make equal, as a union-find forest. */
    private FieldEquivalences equivalencesAmong(long relations) {
        boolean[] all = new boolean[predicates.size()];
        java.util.Arrays.fill(all, true);
        return equivalencesBelow(relations, all);
    }

    /**
     * The relational tree joining the relations as {@code plan} says, returning the root's used fields. Each predicate is
     * the condition of the lowest join that has every relation it reads; the root of each pushed subplan below a
     * join Junction runs projects away the fields nothing above reads, so the source does not send them.
     *
     * @param localJoin told of each join the plan runs in Junction rather than in a source
     */
    RelNode toRel(JoinPlan plan, RexBuilder rexBuilder, Consumer<Join> localJoin) {
        boolean[] applied = new boolean[predicates.size()];
        Built built = build(plan, false, rexBuilder, localJoin, applied);
        List<RexNode> output = new ArrayList<>();
        boolean identity = outputFields.length == built.fields.size();
        for (int i = 0; i < outputFields.length; i++) {
            int position = built.fields.indexOf(outputFields[i]);
            identity &= position == i;
            output.add(new RexInputRef(position, fieldTypes.get(outputFields[i])));
        }
        if (identity && built.rel.getRowType().getFieldNames().equals(outputNames)) {
            return built.rel;
        }
        return LogicalProject.create(built.rel, List.of(), output, outputNames, Set.of());
    }

    /** A built subtree and the graph field of each of its output fields. */
    private record Built(RelNode rel, List<Integer> fields) {
    }

    private Built build(JoinPlan plan, boolean insidePushed, RexBuilder rexBuilder, Consumer<Join> localJoin, boolean[] applied) {
        if (plan.isRelation()) {
            int relation = Long.numberOfTrailingZeros(plan.relations());
            List<Integer> fields = new ArrayList<>();
            fieldsOf(plan.relations()).forEach(fields::add);
            return new Built(relations.get(relation), fields);
        }
        boolean pushed = insidePushed || plan.pushed();
        Built left = build(plan.left(), pushed, rexBuilder, localJoin, applied);
        Built right = build(plan.right(), pushed, rexBuilder, localJoin, applied);
        if (!pushed) {
            left = asFragmentRoot(plan.left(), left);
            right = asFragmentRoot(plan.right(), right);
        }
        List<Integer> fields = new ArrayList<>(left.fields);
        fields.addAll(right.fields);
        int[] positions = new int[fieldCount()];
        java.util.Arrays.fill(positions, -1);
        for (int i = 0; i < fields.size(); i++) {
            positions[fields.get(i)] = i;
        }
        List<RexNode> condition = new ArrayList<>();
        FieldEquivalences below = equivalencesBelow(plan.relations(), applied);
        FieldEquivalences equal = below.copy();
        for (int p = 0; p < predicates.size(); p++) {
            if (!applied[p] && (predicateRelations[p] & ~plan.relations()) == 0) {
                applied[p] = true;
                int[] equated = plainEqualityFields(predicates.get(p));
                if (equated != null && !equal.merge(equated[0], equated[1])) {
                    continue; // already true of every row here: one key fewer for the hash join, a bind join stays possible
                }
                if (equated != null) {
                    // a field an input projected away has an equal one it kept (see fieldsNeededAbove)
                    condition.add(rexBuilder.makeCall(SqlStdOperatorTable.EQUALS, presentEqual(equated[0], fields, below),
                            presentEqual(equated[1], fields, below)));
                    continue;
                }
                condition.add(renumber(predicates.get(p), positions));
            }
        }
        LogicalJoin join = LogicalJoin.create(left.rel, right.rel, List.of(), RexUtil.composeConjunction(rexBuilder, condition),
                Set.of(), JoinRelType.INNER);
        if (!pushed) {
            localJoin.accept(join);
        }
        return new Built(join, fields);
    }

    /**
     * A pushed join below a join Junction runs is the root of a source's statement: it is projected to the fields
     * read above it, when it has others, so the source does not send them.
     */
    private Built asFragmentRoot(JoinPlan plan, Built built) {
        if (!plan.pushed() || plan.isRelation()) {
            return built;
        }
        RelNode rel = built.rel;
        List<Integer> fields = built.fields;
        ImmutableBitSet needed = fieldsNeededAbove(plan.relations());
        if (needed.cardinality() == fields.size()) {
            return new Built(rel, fields);
        }
        List<RexNode> kept = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> keptFields = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (needed.get(fields.get(i))) {
                kept.add(new RexInputRef(i, fieldTypes.get(fields.get(i))));
                names.add(rel.getRowType().getFieldNames().get(i));
                keptFields.add(fields.get(i));
            }
        }
        return new Built(LogicalProject.create(rel, List.of(), kept, names, Set.of()), keptFields);
    }
}
