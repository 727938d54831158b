package org.opencsd.fluffle;

import java.util.function.LongSupplier;

/**
 * How to mount.
 *
 * @param backgroundWorker whether a daemon thread collects garbage when free zones run low,
 *                         otherwise resets full zones that hold no live block, and commits
 *                         buffered metadata every {@code commitIntervalMillis} (foreground
 *                         reclaim happens either way)
 * @param commitIntervalMillis the background commit interval
 * @param clock            nanoseconds since the epoch, for timestamps
 *
 * <p>Immutable.
 */
public record MountOptions(boolean backgroundWorker, long commitIntervalMillis, LongSupplier clock) {
    /** Background worker on, 1 s commit interval, the system clock. */
    public static MountOptions defaults() {
        return new MountOptions(true, 1000, MountOptions::systemNanos);
    }

    /** No background thread (deterministic tests). */
    public static MountOptions foregroundOnly() {
        return new MountOptions(false, 1000, MountOptions::systemNanos);
    }

    private static long systemNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
