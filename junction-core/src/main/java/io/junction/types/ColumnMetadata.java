package io.junction.types;

/**
 * A column as a source declares it.
 *
 * @param name         the column's name exactly as the source spells it
 * @param type         the Junction type values are carried as, or {@code null} when the source type
 *                     cannot be mapped without loss (using the column is then an error)
 * @param nullable     whether the source allows NULL
 * @param sourceType   the source's own type name, shown in metadata and errors
 * @param collation    how the source compares the column's text (BINARY for non-text columns)
 */
public record ColumnMetadata(String name, JunctionType type, boolean nullable, String sourceType, TextCollation collation) {
    public ColumnMetadata {
        if (collation == null) {
            collation = TextCollation.BINARY;
        }
    }

    /** A column the source compares like Junction does. */
    public ColumnMetadata(String name, JunctionType type, boolean nullable, String sourceType) {
        this(name, type, nullable, sourceType, TextCollation.BINARY);
    }

    public boolean isMapped() {
        return type != null;
    }
}
