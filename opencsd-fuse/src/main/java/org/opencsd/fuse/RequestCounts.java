package org.opencsd.fuse;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests served per operation name, for diagnostics and tests (how many getxattr requests a
 * run of writes cost, for instance). Thread-safe: counted from every worker thread at once,
 * without a lock on the common path (one map read and one {@link LongAdder} increment).
 */
final class RequestCounts {
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one request of {@code operation}. */
    void count(String operation) {
        LongAdder n = counts.get(operation);
        if (n == null) n = counts.computeIfAbsent(operation, k -> new LongAdder());
        n.increment();
    }

    /** The counts so far, by operation name in name order; operations never served are absent. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((op, n) -> out.put(op, n.sum()));
        return out;
    }
}
