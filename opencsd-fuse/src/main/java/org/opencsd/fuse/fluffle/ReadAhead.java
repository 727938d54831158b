package org.opencsd.fuse.fluffle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.opencsd.csd.CsdException;
import org.opencsd.csd.CsdResult;

/**
 * Device-side read-ahead of one read-stream attachment. A kernel's result depends only on the
 * request (offset and size) and the attachment's snapshot, which never changes, so the result
 * of a request that a sequential reader is about to make can be computed before it asks, on
 * the device's other workers, while the host handles the previous reply.
 *
 * <p>Contract: {@link #result} gives the run for a request, taking a speculative one when it
 * matches exactly (same offset and size), else starting one. After a request succeeded,
 * {@link #succeeded} starts up to {@code depth} runs for the requests that follow it, but only
 * when the reader is sequential (the request began where the previous one ended; the first
 * one at offset 0 counts as sequential) and not past the snapshot's size; a reader that jumps
 * drops what was speculated. A failed run starts nothing, so a faulting or runaway kernel runs
 * only when asked. A speculative run that cannot be started (device busy) is simply not made.
 * Results of speculative runs are handed out as they are, so faults and debug lines are
 * reported when (and only when) the reader consumes them.
 *
 * <p>Thread-safe: one monitor guards the table; runs are started under it (starting only queues).
 */
final class ReadAhead {
    /** Starts one kernel run for a request; may throw {@link CsdException} when it cannot. */
    @FunctionalInterface
    interface Starter {
        CompletableFuture<CsdResult> start(long offset, int size);
    }

    private record Key(long offset, int size) {}

    private final int depth;
    private final long fileSize;
    private final Starter starter;
    private final Map<Key, CompletableFuture<CsdResult>> pending = new HashMap<>();
    private long expected;
    private boolean closed;

    /** Read-ahead of at most {@code depth} requests (0: none) over a snapshot of {@code fileSize} bytes. */
    ReadAhead(int depth, long fileSize, Starter starter) {
        if (depth < 0) throw new IllegalArgumentException("depth must be >= 0: " + depth);
        this.depth = depth;
        this.fileSize = fileSize;
        this.starter = starter;
    }

    /** The run for the request {@code [offset, offset + size)}: the speculative one if made, else a new one. */
    CompletableFuture<CsdResult> result(long offset, int size) {
        CompletableFuture<CsdResult> ahead;
        synchronized (this) {
            ahead = pending.remove(new Key(offset, size));
        }
        return ahead != null ? ahead : starter.start(offset, size);
    }

    /** The request {@code [offset, offset + size)} succeeded: speculate on the next ones if the reader is sequential. */
    synchronized void succeeded(long offset, int size) {
        boolean sequential = offset == expected;
        expected = offset + size;
        pending.keySet().removeIf(k -> k.size() != size || k.offset() <= offset || !sequential);
        if (closed || !sequential || size <= 0) return;
        for (int i = 1; i <= depth; i++) {
            long next = offset + (long) i * size;
            if (next >= fileSize) break;
            Key k = new Key(next, size);
            if (pending.containsKey(k)) continue;
            try {
                pending.put(k, starter.start(next, size));
            } catch (CsdException busy) {
                break; // e.g. DEVICE_BUSY: no speculation now; the reader's own request starts it
            }
        }
    }

    /** Speculative runs not yet consumed (for tests and diagnostics). */
    synchronized int pending() {
        return pending.size();
    }

    /** Stops speculating; returns a future that completes once every speculative run has ended. */
    synchronized CompletableFuture<Void> close() {
        closed = true;
        List<CompletableFuture<CsdResult>> all = new ArrayList<>(pending.values());
        pending.clear();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null);
    }
}
