package io.junction.sql;

import io.junction.connector.Connector;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Calcite as Junction's front end: parses SQL, validates it against the catalog (names, types) and
 * converts it to a logical relational plan. Identifier rules are PostgreSQL's: unquoted names fold to
 * lower case, quoted names keep their case, matching is case-sensitive (with the single
 * case-insensitive fallback that {@link SourceSchema} allows for tables and schemas).
 *
 * <p>The sources a statement is validated against are passed with each statement, so the catalog may
 * change between statements; the schema tree built from them is cheap because every lookup is lazy.
 */
public final class SqlFrontEnd {
    static {
        CalciteDefaults.apply();
    }

    private static final SqlParser.Config PARSER_CONFIG = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withConformance(SqlConformanceEnum.LENIENT);

    private static final SqlOperatorTable OPERATORS = new CaseInsensitiveFunctions(SqlOperatorTables.chain(
            PostgresFunctions.TABLE,
            SqlStdOperatorTable.instance(),
            SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.POSTGRESQL)));

    private final JavaTypeFactoryImpl typeFactory = new UnicodeTypeFactory();
    private final CalciteConnectionConfig connectionConfig;

    public SqlFrontEnd() {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), Casing.TO_LOWER.name());
        p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), Casing.UNCHANGED.name());
        this.connectionConfig = new CalciteConnectionConfigImpl(p);
    }

    public RelDataTypeFactory typeFactory() {
        return typeFactory;
    }

    /**
     * A parsed and validated statement, converted to a logical plan, with the names of its result columns (as
     * PostgreSQL names them where the statement does not, see {@link OutputColumnNames}).
     */
    public record AnalyzedQuery(RelRoot root, boolean explain, RelBuilder relBuilder, List<String> columnNames) {
    }

    private static final java.util.regex.Pattern PLAIN_EXPLAIN =
            java.util.regex.Pattern.compile("(?is)^(\\s*)(EXPLAIN)(\\s+)(?!PLAN\\b)");

    /**
     * Calcite's grammar wants {@code EXPLAIN PLAN FOR}; users write {@code EXPLAIN SELECT ...}. The words
     * are inserted, so an error position on the first line of an EXPLAIN is off by their length.
     */
    private static String acceptPlainExplain(String sql) {
        var m = PLAIN_EXPLAIN.matcher(sql);
        return m.find() ? m.group(1) + "EXPLAIN PLAN FOR" + m.group(3) + sql.substring(m.end()) : sql;
    }

    /**
     * Parses, validates and converts {@code sql} against {@code sources} (each name a source is known by,
     * aliases included, with its connector); errors become JunctionExceptions with positions.
     */
    public AnalyzedQuery analyze(String sql, Map<String, Connector> sources) {
        CalciteSchema rootSchema = CalciteSchema.createRootSchema(false, false);
        sources.forEach((name, connector) -> rootSchema.add(name, new SourceSchema(connector, null)));
        ErrorTranslator errors = new ErrorTranslator(rootSchema, OPERATORS);
        CalciteCatalogReader reader = new CalciteCatalogReader(rootSchema, List.of(), typeFactory, connectionConfig);
        try {
            SqlNode node = SqlParser.create(acceptPlainExplain(sql), PARSER_CONFIG).parseStmt();
            errors.parsed(node, reader);
            boolean explain = false;
            if (node.getKind() == SqlKind.EXPLAIN) {
                node = ((SqlExplain) node).getExplicandum();
                explain = true;
            }
            SqlValidator validator = SqlValidatorUtil.newValidator(OPERATORS, reader, typeFactory,
                    SqlValidator.Config.DEFAULT
                            .withConformance(SqlConformanceEnum.LENIENT)
                            .withDefaultNullCollation(NullCollation.HIGH)
                            .withIdentifierExpansion(true));
            PreValidationChecks.check(node);
            OutputColumnNames columnNames = new OutputColumnNames(node);
            SqlNode validated = validator.validate(node);
            RexBuilder rexBuilder = new RexBuilder(typeFactory);
            RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), rexBuilder);
            JoinRowCountFromStatistics.install(cluster);
            SqlToRelConverter converter = new SqlToRelConverter(null, validator, reader, cluster,
                    StandardConvertletTable.INSTANCE,
                    SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(false));
            RelRoot root = converter.convertQuery(validated, false, true);
            // Never merge a projection into the one below it: the final field trimming puts column-pruning
            // projections right above table scans, and merging would undo them.
            RelBuilder relBuilder = RelBuilder.proto(org.apache.calcite.plan.Contexts.of(RelBuilder.Config.DEFAULT.withBloat(-1)))
                    .create(cluster, reader);
            return new AnalyzedQuery(root, explain, relBuilder,
                    columnNames.of(node, root.validatedRowType.getFieldNames()));
        } catch (Throwable t) {
            throw errors.translate(t);
        }
    }
}
