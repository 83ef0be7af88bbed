package io.junction;

import io.junction.vector.Batch;

/**
 * Engine-wide settings.
 *
 * @param batchSize rows per batch read from sources and passed between operators
 * @param pushdown  whether work is pushed into sources beyond plain scans; off runs every operator in
 *                  Junction's own engine (used to test the engine against the sources)
 */
public record EngineSettings(int batchSize, boolean pushdown) {
    public EngineSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Batch.DEFAULT_SIZE, true);
    }

    public EngineSettings withBatchSize(int rows) {
        return new EngineSettings(rows, pushdown);
    }

    public EngineSettings withPushdown(boolean on) {
        return new EngineSettings(batchSize, on);
    }
}
