package io.junction.exec.operator;

import io.junction.error.ErrorCode;
import io.junction.error.JunctionException;
import io.junction.types.JunctionType;
import io.junction.vector.Batch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.junction.exec.Rows.collect;
import static io.junction.exec.Rows.row;
import static io.junction.exec.Rows.values;
import static io.junction.types.JunctionType.BIGINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefetchOperatorTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static List<List<Object>> numbers(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            rows.add(row(i));
        }
        return rows;
    }

    /** An input that records which threads read and closed it, and how often it was closed. */
    private static class WatchedInput implements Operator {
        final Operator rows;
        final Set<Thread> readers = ConcurrentHashMap.newKeySet();
        final AtomicInteger nextCalls = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        volatile Thread closer;

        WatchedInput(Operator rows) {
            this.rows = rows;
        }

        @Override
        public Batch next() {
            readers.add(Thread.currentThread());
            nextCalls.incrementAndGet();
            return rows.next();
        }

        @Override
        public void close() {
            closer = Thread.currentThread();
            closes.incrementAndGet();
            rows.close();
        }

        @Override
        public List<JunctionType> outputTypes() {
            return rows.outputTypes();
        }

        @Override
        public String describe() {
            return "Watched";
        }

        @Override
        public List<Operator> inputs() {
            return List.of(rows);
        }
    }

    /** Waits (up to 10 s) until {@code input} was read {@code calls} times. */
    private static void awaitReads(WatchedInput input, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (input.nextCalls.get() < calls && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void startedItReadsAheadOnAnotherThreadAndReturnsEveryBatchInOrder() throws Exception {
        WatchedInput input = new WatchedInput(values(List.of(BIGINT), 10, numbers(1000)));
        PrefetchOperator prefetch = new PrefetchOperator(input);
        prefetch.start(executor);
        // the producer fills the queue and waits, before anything is read
        awaitReads(input, PrefetchOperator.QUEUE_BATCHES);
        assertThat(input.nextCalls.get()).isGreaterThanOrEqualTo(PrefetchOperator.QUEUE_BATCHES);
        assertThat(input.readers).doesNotContain(Thread.currentThread());
        assertThat(collect(prefetch)).isEqualTo(numbers(1000));
        assertThat(input.closes.get()).isEqualTo(1);
        assertThat(input.closer).isSameAs(Thread.currentThread());
    }

    @Test
    void neverStartedItReadsItsInputDirectly() {
        WatchedInput input = new WatchedInput(values(List.of(BIGINT), 7, numbers(50)));
        PrefetchOperator prefetch = new PrefetchOperator(input);
        assertThat(prefetch.next().rowCount()).isEqualTo(7);
        prefetch.start(executor); // too late: the reader has begun
        assertThat(collect(prefetch)).hasSize(43);
        assertThat(input.readers).containsExactly(Thread.currentThread());
    }

    @Test
    void anErrorOfTheInputSurfacesAsItselfAfterTheRowsBeforeIt() {
        Operator rows = values(List.of(BIGINT), 5, numbers(10));
        Operator failing = new WatchedInput(rows) {
            private int calls;

            @Override
            public Batch next() {
                if (++calls == 3) {
                    throw new JunctionException(ErrorCode.SOURCE_UNREACHABLE, "source s is down");
                }
                return super.next();
            }
        };
        PrefetchOperator prefetch = new PrefetchOperator(failing);
        prefetch.start(executor);
        assertThat(prefetch.next().rowCount()).isEqualTo(5);
        assertThat(prefetch.next().rowCount()).isEqualTo(5);
        assertThatThrownBy(prefetch::next).isInstanceOfSatisfying(JunctionException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE));
        prefetch.close();
    }

    @Test
    void closedUnreadItStopsTheProducerBeforeClosingTheInputOnTheReadersThread() throws Exception {
        // far more batches than the queue holds: the producer waits on the full queue until closed
        WatchedInput input = new WatchedInput(values(List.of(BIGINT), 1, numbers(10_000)));
        PrefetchOperator prefetch = new PrefetchOperator(input);
        prefetch.start(executor);
        awaitReads(input, PrefetchOperator.QUEUE_BATCHES + 1);
        prefetch.close();
        int callsAtClose = input.nextCalls.get();
        assertThat(callsAtClose).isLessThan(10_000);
        assertThat(input.closes.get()).isEqualTo(1);
        assertThat(input.closer).isSameAs(Thread.currentThread());
        Thread.sleep(50);
        assertThat(input.nextCalls.get()).as("no read after close").isEqualTo(callsAtClose);
        assertThat(prefetch.next()).isNull();
    }

    @Test
    void closeWaitsForTheReadInProgressSoTheInputIsNeverUsedByTwoThreads() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean closedDuringRead = new AtomicBoolean();
        WatchedInput input = new WatchedInput(values(List.of(BIGINT), 1, numbers(3))) {
            @Override
            public Batch next() {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.next();
            }

            @Override
            public void close() {
                closedDuringRead.compareAndSet(false, release.getCount() > 0);
                super.close();
            }
        };
        PrefetchOperator prefetch = new PrefetchOperator(input);
        prefetch.start(executor);
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closing = new Thread(prefetch::close);
        closing.start();
        closing.join(200);
        assertThat(closing.isAlive()).as("close waits for the read in progress").isTrue();
        release.countDown();
        closing.join(10_000);
        assertThat(closing.isAlive()).isFalse();
        assertThat(closedDuringRead).isFalse();
        assertThat(input.closes.get()).isEqualTo(1);
    }
}
