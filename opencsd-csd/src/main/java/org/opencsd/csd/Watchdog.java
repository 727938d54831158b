package org.opencsd.csd;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Enforces the wall time of running executions: one daemon thread sweeps the executions in
 * flight every {@value #TICK_MILLIS} ms and completes those past their deadline with their
 * timeout error, asking their kernel to stop. A sweep rather than a timer per execution, so that
 * starting an execution costs two set operations and never wakes another thread; the price is
 * that a deadline is noticed up to one tick late. Thread-safe; one per device.
 */
final class Watchdog implements AutoCloseable {
    /** Sweep period: the precision of the wall-time limit. */
    static final long TICK_MILLIS = 5;

    /** An execution in flight and the future its caller waits on. */
    record Watched(Execution execution, CompletableFuture<CsdResult> result, long deadline) {}

    private final Set<Watched> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;

    Watchdog() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "opencsd-csd-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Watches {@code w} until its result completes. */
    void watch(Watched w) {
        inFlight.add(w);
        w.result().whenComplete((r, e) -> inFlight.remove(w));
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watched w : inFlight) {
            if (now - w.deadline() >= 0) {
                w.execution().cancel();
                w.result().completeExceptionally(w.execution().timeout());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
