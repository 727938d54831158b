package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencsd.zns.ZonedDevice;

/**
 * Reclaims data zones. The victim is the full, unpinned zone with the best cost-benefit score
 * {@code (1 - u) * age / (1 + u)} (u = live fraction, age = zones filled since it filled), as in
 * the LFS and F2FS background cleaners: empty-ish old zones first, hot zones left to die on
 * their own. Live blocks move to the GC stream's zone (separate from application writes), the
 * new mapping is committed and forced to the device, and only then is the victim reset — so a
 * crash at any point leaves every block reachable from the durable metadata intact.
 *
 * <p>Not thread-safe: runs under the file system's write lock.
 */
final class GarbageCollector {
    private static final int CHUNK_BLOCKS = 256;

    private final ZonedDevice device;
    private final Superblock sb;
    private final MetaState state;
    private final ZoneAllocator alloc;
    private final MetadataLog log;
    private final Pins pins;
    private long blocksMoved;
    private long zonesReclaimed;

    GarbageCollector(ZonedDevice device, Superblock sb, MetaState state, ZoneAllocator alloc, MetadataLog log, Pins pins) {
        this.device = device;
        this.sb = sb;
        this.state = state;
        this.alloc = alloc;
        this.log = log;
        this.pins = pins;
    }

    long blocksMoved() {
        return blocksMoved;
    }

    long zonesReclaimed() {
        return zonesReclaimed;
    }

    /** Reclaims until applications can place {@code blocks} blocks; ENOSPC when live data fills the device. */
    void ensureUserSpace(long blocks) {
        while (alloc.userAvailableBlocks() < blocks) {
            if (!collectOne()) {
                throw new FsException(FsErrno.ENOSPC, "no space left: " + state.liveBlocks() + " live blocks");
            }
        }
    }

    /** Collects one victim; false when no zone has stale blocks to reclaim (or no zone to move to). */
    boolean collectOne() {
        return collect(chooseVictim());
    }

    /**
     * Reclaims up to {@code max} full, unpinned zones that hold no live block (no data to move)
     * with one metadata sync for all of them, then their resets; returns how many. For the
     * background thread: a deleted or rewritten file leaves such zones (a 1 GiB file, 16 of
     * 64 MiB), and reclaiming them while the file system is idle keeps their reset (and the
     * device's zeroing of the zone) out of the next writer's way; one sync instead of one per
     * zone, because each sync is an fsync of the whole image. As with every reset, the sync
     * first makes the records that killed the zones' blocks durable.
     */
    int reclaimDeadZones(int max) {
        List<Integer> dead = new ArrayList<>();
        for (int z : alloc.collectableZones()) {
            if (dead.size() == max) break;
            if (state.zoneValid(z) == 0 && !pins.isPinned(z)) dead.add(z);
        }
        if (dead.isEmpty()) return 0;
        log.sync();
        for (int z : dead) {
            alloc.reset(z);
            zonesReclaimed++;
        }
        return dead.size();
    }

    private boolean collect(int victim) {
        if (victim < 0) return false;
        try {
            move(victim);
        } catch (FsException e) {
            return false;
        }
        log.sync();
        alloc.reset(victim);
        zonesReclaimed++;
        return true;
    }

    /** The victim's zone number, or -1. */
    int chooseVictim() {
        int best = -1;
        double bestScore = -1;
        for (int z : alloc.collectableZones()) {
            long valid = state.zoneValid(z);
            if (valid >= sb.zoneCapacity() || pins.isPinned(z)) continue;
            double u = (double) valid / sb.zoneCapacity();
            double age = alloc.now() - alloc.fillStamp(z) + 1;
            double score = (1 - u) * age / (1 + u);
            if (score > bestScore) {
                bestScore = score;
                best = z;
            }
        }
        return best;
    }

    private void move(int victim) {
        long first = sb.zoneStart(victim);
        long last = first + sb.zoneCapacity();
        record Live(long ino, Extent e) {}
        List<Live> live = new ArrayList<>();
        for (Inode i : state.inodes()) {
            if (i.type != FileType.REGULAR) continue;
            for (Extent e : i.extents.atLbas(first, last)) live.add(new Live(i.ino, e));
        }
        live.sort(Comparator.comparingLong(l -> l.e().lba()));
        Tx tx = new Tx(state, log);
        try {
            for (Live l : live) {
                for (long off = 0; off < l.e().count(); off += CHUNK_BLOCKS) {
                    long n = Math.min(CHUNK_BLOCKS, l.e().count() - off);
                    relocate(tx, l.ino(), l.e().fileBlock() + off, l.e().lba() + off, n);
                }
            }
        } finally {
            tx.commit();
        }
    }

    private void relocate(Tx tx, long ino, long fileBlock, long lba, long n) {
        ByteBuffer buf = ByteBuffer.allocate((int) n * Superblock.BLOCK);
        DeviceIo.read(device, lba, buf);
        buf.flip();
        List<ZoneAllocator.Run> runs = new ArrayList<>();
        try {
            alloc.append(StreamKind.GC, buf, runs);
        } finally {
            for (ZoneAllocator.Run r : runs) {
                tx.add(new LogRecord.MapExtent(ino, fileBlock, r.lba(), r.count()));
                fileBlock += r.count();
                blocksMoved += r.count();
            }
        }
    }
}
