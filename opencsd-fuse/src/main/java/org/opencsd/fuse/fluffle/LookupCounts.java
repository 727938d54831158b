package org.opencsd.fuse.fluffle;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many lookups of each inode the kernel holds: +1 for every entry replied (lookup, create,
 * mkdir, mknod, symlink, link), minus what {@code forget} gives back; an inode at zero is dropped.
 *
 * <p>FluffleFS keeps nothing alive for these counts (open handles do that); they exist so that the
 * protocol's bookkeeping is exact and visible (tests check that everything is forgotten after
 * unmount). Thread-safe.
 */
public final class LookupCounts {
    private final ConcurrentHashMap<Long, Long> counts = new ConcurrentHashMap<>();

    /** One more lookup of {@code ino}. */
    public void add(long ino) {
        counts.merge(ino, 1L, Long::sum);
    }

    /** The kernel forgets {@code n} lookups of {@code ino}; never goes below zero. */
    public void forget(long ino, long n) {
        counts.computeIfPresent(ino, (k, v) -> v - n > 0 ? v - n : null);
    }

    /** The lookups of {@code ino} the kernel still holds. */
    public long of(long ino) {
        return counts.getOrDefault(ino, 0L);
    }

    /** How many inodes the kernel holds at least one lookup of. */
    public int inodes() {
        return counts.size();
    }
}
