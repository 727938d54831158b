package org.opencsd.fluffle;

/**
 * How many snapshots pin blocks in each zone; the garbage collector never collects a pinned
 * zone, so a snapshot's blocks stay readable until it is released.
 *
 * <p>Thread-safe (synchronized): snapshots are taken and released under the file system's write
 * lock, and the garbage collector reads the counts under it too.
 */
final class Pins {
    private final int[] count;

    Pins(int zones) {
        count = new int[zones];
    }

    synchronized void pin(int zone) {
        count[zone]++;
    }

    synchronized void unpin(int zone) {
        if (count[zone] == 0) throw new IllegalStateException("zone " + zone + " is not pinned");
        count[zone]--;
    }

    synchronized boolean isPinned(int zone) {
        return count[zone] > 0;
    }
}
