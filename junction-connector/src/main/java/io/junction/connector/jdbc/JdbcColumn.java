package io.junction.connector.jdbc;

/**
 * A column as a JDBC source's catalog describes it, before type mapping.
 *
 * @param typeName  the source's spelling of the declared type (e.g. {@code numeric(10,2)},
 *                  {@code bigint(20) unsigned}); shown to users as the column's source type
 * @param baseType  the lower-case name the source's type mapping is keyed on (e.g. {@code numeric},
 *                  {@code bigint unsigned}, {@code enum}); a connector chooses its vocabulary
 * @param precision declared precision or length, {@link #UNDECLARED} when none was declared
 * @param scale     declared scale, {@link #UNDECLARED} when none was declared
 * @param collation the source's collation name for text columns, {@code null} when it has none or uses its default
 */
public record JdbcColumn(String name, String typeName, String baseType, boolean nullable, int precision, int scale,
                         String collation) {
    public static final int UNDECLARED = -1;

    public JdbcColumn(String name, String typeName, String baseType, boolean nullable, int precision, int scale) {
        this(name, typeName, baseType, nullable, precision, scale, null);
    }
}
