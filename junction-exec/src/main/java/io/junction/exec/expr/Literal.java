package io.junction.exec.expr;

import io.junction.exec.vector.TextFormat;
import io.junction.exec.vector.ValueEncoder;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.Vector;

/**
 * A constant. The value is encoded once into a vector that is handed out for every batch (callers
 * never modify expression results) and only rebuilt when a larger batch arrives.
 */
public final class Literal implements Expression {
    private final Object value;
    private final JunctionType type;
    private Vector cached;

    public Literal(Object value, JunctionType type) {
        this.value = value;
        this.type = type;
        this.cached = filled(16);
    }

    /** The value as given to the factory; {@code null} for a NULL literal. */
    public Object value() {
        return value;
    }

    public boolean isNull() {
        return value == null;
    }

    @Override
    public JunctionType type() {
        return type;
    }

    @Override
    public Vector evaluate(Batch batch) {
        return rows(batch.rowCount());
    }

    @Override
    public boolean readsThroughPositions() {
        return true;
    }

    @Override
    public Vector evaluate(Batch batch, int[] positions, int count) {
        return rows(count);
    }

    private Vector rows(int n) {
        if (cached.capacity() < n) {
            cached = filled(Math.max(n, cached.capacity() * 2));
        }
        return cached;
    }

    private Vector filled(int capacity) {
        Vector v = Vector.create(type, capacity);
        for (int i = 0; i < capacity; i++) {
            ValueEncoder.write(v, i, value);
        }
        return v;
    }

    @Override
    public String describe() {
        if (value == null) {
            return "NULL";
        }
        String text = TextFormat.format(cached, 0);
        return switch (type.kind()) {
            case CHAR, VARCHAR, JSON, UUID -> quote(text);
            case DATE, TIME, TIMESTAMP -> type.kind().name() + " " + quote(text);
            case TIMESTAMP_TZ -> "TIMESTAMP WITH TIME ZONE " + quote(text);
            case VARBINARY -> "X" + quote(text.substring(2));
            default -> text;
        };
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
