package io.junction.exec.operator;

import io.junction.types.JunctionType;
import io.junction.vector.Batch;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Reads its input on another thread, ahead of its reader, so the input's source statements run while the query's
 * thread works elsewhere: a pull-based plan otherwise reads a hash join's probe side only after its build side, and
 * a probe side that waits for keys of its own (a bind join) then adds its whole latency to the build side's.
 *
 * <p>Algorithm: {@link #start} hands a producer to the executor; it calls the input's {@code next()} until the end,
 * an error or {@link #close}, putting each batch into a queue of {@value #QUEUE_BATCHES} batches (waiting while it is
 * full) and then an end marker or the error. {@link #next()} takes from the queue and rethrows an error on the
 * reader's thread. Never started, the operator reads its input directly. {@link #close} tells the producer to stop,
 * keeps the queue drained until the producer has returned from the {@code next()} it is in, and only then closes
 * the input, so the input is used by one thread at a time as {@link Operator} requires.
 */
public final class PrefetchOperator implements Operator {
    /** Batches read ahead: enough to keep the source streaming while the reader is busy, little memory. */
    static final int QUEUE_BATCHES = 4;
    private static final Object END = new Object();

    private final Operator input;
    private final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final CountDownLatch producerDone = new CountDownLatch(1);
    private volatile boolean closed;
    private boolean started;
    private boolean readDirectly;
    private boolean ended;

    public PrefetchOperator(Operator input) {
        this.input = input;
    }

    /** Starts reading the input on {@code executor}; does nothing once the operator was read or closed. */
    public void start(Executor executor) {
        if (started || readDirectly || closed) {
            return;
        }
        started = true;
        executor.execute(this::produce);
    }

    private void produce() {
        try {
            while (!closed) {
                Batch batch = input.next();
                if (batch == null) {
                    offer(END);
                    return;
                }
                offer(batch);
            }
        } catch (Throwable failure) {
            offer(new Failure(failure));
        } finally {
            producerDone.countDown();
        }
    }

    /** Puts {@code item} into the queue, waiting while it is full, unless the operator is closed meanwhile. */
    private void offer(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 10, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Batch next() {
        if (ended || closed) {
            return null;
        }
        if (!started) {
            readDirectly = true;
            Batch batch = input.next();
            ended = batch == null;
            return batch;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for rows read ahead", e);
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof Failure failure) {
            ended = true;
            throw OtherThreadFailure.rethrown(failure.cause);
        }
        return (Batch) item;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            boolean interrupted = false;
            while (true) {
                queue.clear();
                try {
                    if (producerDone.await(10, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            queue.clear();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        input.close();
    }

    @Override
    public List<JunctionType> outputTypes() {
        return input.outputTypes();
    }

    @Override
    public String describe() {
        return "Prefetch[read ahead on another thread]";
    }

    @Override
    public List<Operator> inputs() {
        return List.of(input);
    }

    private record Failure(Throwable cause) {
    }
}
