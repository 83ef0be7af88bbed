package io.junction.exec.operator;

import io.junction.exec.spill.SpillFile;
import io.junction.exec.spill.SpillFileReader;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;

/**
 * Reads one spill file as an operator's input (a partition of a spilled join or aggregate) and deletes
 * the file when it ends or is closed. A missing file ({@code null}) reads as empty.
 */
final class SpillScanOperator implements Operator {
    private final List<JunctionType> types;
    private SpillFile file;
    private SpillFileReader reader;

    SpillScanOperator(List<JunctionType> types, SpillFile file) {
        this.types = List.copyOf(types);
        this.file = file;
    }

    @Override
    public Batch next() {
        if (file == null) {
            return null;
        }
        if (reader == null) {
            reader = file.open();
        }
        Batch batch = reader.next();
        if (batch == null) {
            close();
        }
        return batch;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
        if (file != null) {
            file.delete();
            file = null;
        }
    }

    @Override
    public List<JunctionType> outputTypes() {
        return types;
    }

    @Override
    public String describe() {
        return "SpillScan";
    }

    @Override
    public List<Operator> inputs() {
        return List.of();
    }
}
