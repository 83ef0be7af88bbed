package io.junction.exec.operator;

import io.junction.exec.ExecutionContext;
import io.junction.exec.spill.SpillFile;
import io.junction.exec.spill.SpillFileReader;
import io.junction.exec.spill.SpillFileWriter;
import io.junction.exec.vector.BatchBuilder;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import io.junction.vector.BatchStream;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The disk side of an external merge sort. Each time the sort's buffer is over the memory limit it is
 * sorted and written as a run; at the end the runs are merged k ways through a heap of run cursors,
 * reading one batch per run at a time. More than {@link #FAN_IN} runs are first merged in groups into
 * longer runs, so open files and buffered batches stay bounded. Ties go to the earlier run, and runs hold
 * input in order, so the sort stays stable as the in-memory one is.
 */
final class SortedRuns implements AutoCloseable {
    static final int FAN_IN = 32;

    private final List<JunctionType> types;
    private final List<SortKey> keys;
    private final ExecutionContext context;
    private final CrossBatchRowOrder order;
    private final List<SpillFile> runs = new ArrayList<>();
    private Merge merge;

    SortedRuns(List<JunctionType> types, List<SortKey> keys, ExecutionContext context) {
        this.types = List.copyOf(types);
        this.keys = List.copyOf(keys);
        this.context = context;
        this.order = new CrossBatchRowOrder(keys);
    }

    /** Sorts {@code rows} and writes them as a new run. */
    void add(Batch rows) {
        int n = rows.rowCount();
        if (n == 0) {
            return;
        }
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        if (!LongKeyRadixSort.trySort(positions, n, rows, keys)) {
            RowComparator.sort(positions, n, RowComparator.of(rows, keys));
        }
        try (SpillFileWriter writer = context.spillSpace().create(types, "sort-run")) {
            int[] slice = new int[Batch.DEFAULT_SIZE];
            for (int from = 0; from < n; from += Batch.DEFAULT_SIZE) {
                context.checkCancelled();
                int count = Math.min(Batch.DEFAULT_SIZE, n - from);
                System.arraycopy(positions, from, slice, 0, count);
                writer.write(rows.gather(slice, count));
            }
            runs.add(writer.finish());
        }
    }

    /** All rows of all runs in order; the runs are deleted as they are consumed. */
    BatchStream merged() {
        while (runs.size() > FAN_IN) {
            // each pass merges consecutive groups, keeping the runs in input order for stability
            List<SpillFile> pass = new ArrayList<>();
            while (!runs.isEmpty()) {
                List<SpillFile> group = new ArrayList<>(runs.subList(0, Math.min(FAN_IN, runs.size())));
                runs.subList(0, group.size()).clear();
                try (Merge partial = new Merge(group); SpillFileWriter writer = context.spillSpace().create(types, "sort-merged")) {
                    Batch batch;
                    while ((batch = partial.next()) != null) {
                        writer.write(batch);
                    }
                    pass.add(writer.finish());
                } catch (RuntimeException e) {
                    pass.forEach(SpillFile::delete);
                    throw e;
                }
            }
            runs.addAll(pass);
        }
        merge = new Merge(new ArrayList<>(runs));
        runs.clear();
        return merge;
    }

    @Override
    public void close() {
        if (merge != null) {
            merge.close();
        }
        for (SpillFile run : runs) {
            run.delete();
        }
        runs.clear();
    }

    /** One position in one run. */
    private static final class Cursor {
        final int run;
        final SpillFileReader reader;
        Batch batch;
        int row;

        Cursor(int run, SpillFileReader reader) {
            this.run = run;
            this.reader = reader;
        }

        boolean advance() {
            if (batch != null && ++row < batch.rowCount()) {
                return true;
            }
            batch = reader.next();
            row = 0;
            return batch != null;
        }
    }

    /** A k-way merge of runs; deletes them when closed. */
    private final class Merge implements BatchStream {
        private final List<SpillFile> files;
        private final List<Cursor> cursors = new ArrayList<>();
        private final PriorityQueue<Cursor> heap;
        private final BatchBuilder out = new BatchBuilder(types, Batch.DEFAULT_SIZE);

        Merge(List<SpillFile> files) {
            this.files = files;
            this.heap = new PriorityQueue<>(Math.max(1, files.size()), (a, b) -> {
                int c = order.compare(a.batch, a.row, b.batch, b.row);
                return c != 0 ? c : Integer.compare(a.run, b.run);
            });
            try {
                for (int r = 0; r < files.size(); r++) {
                    Cursor cursor = new Cursor(r, files.get(r).open());
                    cursors.add(cursor);
                    if (cursor.advance()) {
                        heap.add(cursor);
                    }
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public Batch next() {
            context.checkCancelled();
            while (!heap.isEmpty() && out.rowCount() < Batch.DEFAULT_SIZE) {
                Cursor smallest = heap.poll();
                out.appendRow(smallest.batch, smallest.row);
                if (smallest.advance()) {
                    heap.add(smallest);
                }
            }
            if (out.isEmpty()) {
                close();
                return null;
            }
            return out.build();
        }

        @Override
        public void close() {
            heap.clear();
            for (Cursor c : cursors) {
                c.reader.close();
            }
            for (SpillFile f : files) {
                f.delete();
            }
        }
    }
}
