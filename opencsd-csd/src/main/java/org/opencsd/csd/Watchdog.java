package org.opencsd.csd;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the wall time of running executions: one daemon thread completes each execution
 * that passes its deadline with its timeout error, asking its kernel to stop. The thread sleeps
 * until the earliest deadline in flight, and without executions it sleeps until one arrives: an
 * idle device costs no wake-ups (a fixed 5 ms sweep used to cost a mounted file system about
 * 13 ms of CPU per second doing nothing). Starting an execution costs a set insertion and wakes
 * the thread only when its deadline comes before the thread's planned wake-up.
 *
 * <p>Thread-safe; one per device.
 */
final class Watchdog implements AutoCloseable {
    /** Longest sleep: with nothing in flight the thread still checks in this often. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** An execution in flight and the future its caller waits on. */
    record Watched(Execution execution, CompletableFuture<CsdResult> result, long deadline) {}

    private final Set<Watched> inFlight = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    /** True while the thread scans: an execution added meanwhile always wakes it (a rescan). */
    private volatile boolean scanning = true;
    /** When the sleeping thread wakes up next ({@link System#nanoTime()}); valid while not scanning. */
    private volatile long plannedWake;
    private volatile boolean closed;

    Watchdog() {
        thread = Thread.ofPlatform().daemon().name("opencsd-csd-watchdog").start(this::run);
    }

    /** Watches {@code w} until its result completes. */
    void watch(Watched w) {
        inFlight.add(w);
        w.result().whenComplete((r, e) -> inFlight.remove(w));
        if (scanning || w.deadline() - plannedWake < 0) LockSupport.unpark(thread);
    }

    private void run() {
        while (!closed) {
            scanning = true;
            long now = System.nanoTime();
            long next = sweep(now);
            plannedWake = next;
            scanning = false;
            LockSupport.parkNanos(this, Math.max(0, next - now));
        }
    }

    /** Times out what is past its deadline; returns the earliest deadline still ahead. */
    private long sweep(long now) {
        long next = now + IDLE_NANOS;
        for (Watched w : inFlight) {
            if (now - w.deadline() >= 0) {
                w.execution().cancel();
                w.result().completeExceptionally(w.execution().timeout());
            } else if (w.deadline() - next < 0) {
                next = w.deadline();
            }
        }
        return next;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
