package io.junction.connector;

/** A table's name and kind, as listed by a source. */
public record TableInfo(String schema, String name, Kind kind) {
    public enum Kind { TABLE, VIEW }
}
