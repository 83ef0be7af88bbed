package io.junction;

import io.junction.types.JunctionType;

/** One column of a query result. */
public record ResultColumn(String name, JunctionType type, boolean nullable) {
}
