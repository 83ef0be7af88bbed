package io.junction.sql;

import io.junction.connector.Connector;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A source, or one schema of a source, as a Calcite schema. At the source level the sub-schemas are the
 * source's schemas and the tables are those of its default schema, so both {@code src.schema.table}
 * and {@code src.table} resolve. Lookups go to the connector lazily: a source is contacted only when a
 * query names it.
 *
 * <p>Names match exactly (quoted identifiers keep their case; unquoted ones are folded to lower case
 * by the parser); when nothing matches exactly, a single case-insensitive match is taken so that an
 * unquoted name finds a source table spelled in upper or mixed case.
 */
public final class SourceSchema implements Schema {
    private final Connector connector;
    /** The schema inside the source, or {@code null} for the source level. */
    private final String schema;

    public SourceSchema(Connector connector, String schema) {
        this.connector = connector;
        this.schema = schema;
    }

    private String effectiveSchema() {
        return schema != null ? schema : connector.defaultSchema();
    }

    @Override
    public Table getTable(String name) {
        String s = effectiveSchema();
        Optional<TableMetadata> exact = connector.table(s, name);
        if (exact.isPresent()) {
            return new SourceTable(connector, exact.get());
        }
        List<TableInfo> matches = connector.tables(s).stream().filter(t -> t.name().equalsIgnoreCase(name)).toList();
        if (matches.size() == 1) {
            return connector.table(s, matches.get(0).name()).map(m -> new SourceTable(connector, m)).orElse(null);
        }
        return null;
    }

    @Override
    public Set<String> getTableNames() {
        Set<String> names = new LinkedHashSet<>();
        connector.tables(effectiveSchema()).forEach(t -> names.add(t.name()));
        return names;
    }

    @Override
    public Schema getSubSchema(String name) {
        if (schema != null) {
            return null;
        }
        List<String> all = connector.schemaNames();
        if (all.contains(name)) {
            return new SourceSchema(connector, name);
        }
        List<String> matches = all.stream().filter(n -> n.equalsIgnoreCase(name)).toList();
        return matches.size() == 1 ? new SourceSchema(connector, matches.get(0)) : null;
    }

    @Override
    public Set<String> getSubSchemaNames() {
        return schema != null ? Set.of() : new LinkedHashSet<>(connector.schemaNames());
    }

    @Override
    public RelProtoDataType getType(String name) {
        return null;
    }

    @Override
    public Set<String> getTypeNames() {
        return Set.of();
    }

    @Override
    public Collection<Function> getFunctions(String name) {
        return List.of();
    }

    @Override
    public Set<String> getFunctionNames() {
        return Set.of();
    }

    @Override
    public Expression getExpression(SchemaPlus parentSchema, String name) {
        return Schemas.subSchemaExpression(parentSchema, name, getClass());
    }

    @Override
    public boolean isMutable() {
        return false;
    }

    @Override
    public Schema snapshot(SchemaVersion version) {
        return this;
    }
}
