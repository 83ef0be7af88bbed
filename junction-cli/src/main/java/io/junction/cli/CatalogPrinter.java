package io.junction.cli;

import io.junction.Junction;
import io.junction.cli.output.TextTable;
import io.junction.connector.Connector;
import io.junction.connector.TableInfo;
import io.junction.connector.TableMetadata;
import io.junction.types.ColumnMetadata;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints what the catalog holds: sources, their tables, and one table's columns. */
final class CatalogPrinter {
    private final Junction junction;
    private final PrintWriter out;

    CatalogPrinter(Junction junction, PrintWriter out) {
        this.junction = junction;
        this.out = out;
    }

    void sources() {
        List<String[]> rows = new ArrayList<>();
        for (Connector c : junction.sources()) {
            rows.add(new String[] {c.name(), c.type().configName()});
        }
        TextTable.print(out, List.of("source", "type"), rows);
    }

    /** Tables of one source, or of every source when {@code source} is null. */
    void tables(String source) {
        List<String> names = source != null ? List.of(source) : junction.sources().stream().map(Connector::name).toList();
        List<String[]> rows = new ArrayList<>();
        for (String name : names) {
            for (TableInfo t : junction.tables(name)) {
                rows.add(new String[] {name, t.schema(), t.name(), t.kind().name().toLowerCase(Locale.ROOT)});
            }
        }
        TextTable.print(out, List.of("source", "schema", "table", "kind"), rows);
    }

    void describe(String qualifiedName) {
        TableMetadata t = junction.describe(qualifiedName);
        String rowsText = t.rowCountEstimate().isPresent() ? "about " + t.rowCountEstimate().getAsLong() + " rows" : "row count unknown";
        out.println(t.kind().name().toLowerCase(Locale.ROOT) + " " + qualifiedName + " (schema " + t.schema() + "), " + rowsText);
        List<String[]> rows = new ArrayList<>();
        for (ColumnMetadata c : t.columns()) {
            rows.add(new String[] {c.name(), c.isMapped() ? c.type().toString() : "(unsupported)",
                    c.nullable() ? "yes" : "no", c.sourceType(), t.primaryKey().contains(c.name()) ? "yes" : ""});
        }
        TextTable.print(out, List.of("column", "type", "nullable", "source type", "primary key"), rows);
        if (!t.primaryKey().isEmpty()) {
            out.println("primary key: (" + String.join(", ", t.primaryKey()) + ")");
        }
        out.flush();
    }
}
