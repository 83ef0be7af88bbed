package io.junction.sql;

/**
 * Calcite settings that are JVM-wide system properties. Calcite reads them once, when its classes
 * load, so they are set before Junction first touches Calcite (and left alone if the embedding
 * application set them itself). Text literals must be Unicode: Calcite's default, ISO-8859-1,
 * rejects a query like {@code WHERE name LIKE '李%'}.
 */
public final class CalciteDefaults {
    private CalciteDefaults() {
    }

    public static void apply() {
        setIfAbsent("calcite.default.charset", "UTF-8");
        setIfAbsent("calcite.default.nationalcharset", "UTF-8");
        setIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
