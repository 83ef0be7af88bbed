package io.junction.physical;

import io.junction.exec.operator.PrefetchOperator;
import io.junction.exec.operator.SourceScanOperator;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * What a planned query starts on other threads as it starts ({@link ExecutionPlanner#earlyWork}): statements sent
 * before their rows are read, and inputs read ahead of their reader.
 */
public record EarlyWork(List<SourceScanOperator> scans, List<PrefetchOperator> prefetches) {
    public EarlyWork {
        scans = List.copyOf(scans);
        prefetches = List.copyOf(prefetches);
    }

    public void start(Executor executor) {
        scans.forEach(scan -> scan.startEarly(executor));
        prefetches.forEach(prefetch -> prefetch.start(executor));
    }
}
