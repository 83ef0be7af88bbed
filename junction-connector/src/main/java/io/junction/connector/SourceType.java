package io.junction.connector;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of source Junction can read, as named in the catalog's {@code type:} setting. */
public enum SourceType {
    POSTGRESQL("postgresql"),
    MYSQL("mysql"),
    SQLITE("sqlite"),
    DUCKDB("duckdb"),
    CSV("csv");

    private final String configName;

    SourceType(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Parses a catalog type name; {@code mariadb} is accepted as a synonym for {@code mysql}. */
    public static SourceType fromConfigName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("mariadb")) {
            return MYSQL;
        }
        if (n.equals("postgres")) {
            return POSTGRESQL;
        }
        for (SourceType t : values()) {
            if (t.configName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown source type '" + name + "'; expected one of "
                + Arrays.stream(values()).map(SourceType::configName).collect(Collectors.joining(", ")));
    }
}
