package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.opencsd.zns.ZonedDevice;

/**
 * A read-only, point-in-time view of a regular file: its size and block map when
 * {@link FluffleFs#snapshot} took it. The zones holding its blocks are pinned, so the garbage
 * collector leaves them alone and the view stays readable (later writes to the file go
 * elsewhere: the file system never overwrites in place) until {@link #close}. Snapshots live in
 * memory only; a crash or unmount releases them. This is what a device kernel reads: its
 * {@link #lbas} list and {@link #contains} grant.
 *
 * <p>Thread-safe: immutable except for {@link #close}, which is idempotent; reads after close
 * throw {@link IllegalStateException}.
 */
public final class Snapshot implements AutoCloseable {
    private static final int B = Superblock.BLOCK;
    /** The LBA reported for a block in a hole. */
    public static final long HOLE = -1;

    private final long ino;
    private final long size;
    private final List<Extent> extents;
    private final int[] zones;
    private final ZonedDevice device;
    private final Runnable release;
    private volatile boolean closed;

    Snapshot(long ino, long size, List<Extent> extents, ZonedDevice device, Superblock sb, java.util.function.Consumer<int[]> release) {
        this.ino = ino;
        this.size = size;
        this.extents = List.copyOf(extents);
        TreeSet<Integer> zs = new TreeSet<>();
        for (Extent e : extents) zs.add(sb.zoneOfLba(e.lba()));
        this.zones = zs.stream().mapToInt(Integer::intValue).toArray();
        this.device = device;
        this.release = () -> release.accept(zones);
    }

    /** The zones this snapshot pins. */
    int[] zones() {
        return zones.clone();
    }

    public long ino() {
        return ino;
    }

    /** The file size at the time of the snapshot. */
    public long size() {
        return size;
    }

    /** The block map: extents sorted by file block. */
    public List<Extent> extents() {
        return extents;
    }

    /**
     * One LBA per 4 KiB block covering {@code [offset, offset + length)} clipped to the size,
     * starting with block {@code offset / 4096}; {@link #HOLE} for unmapped blocks.
     */
    public long[] lbas(long offset, long length) {
        if (offset < 0 || length < 0) throw new IllegalArgumentException("negative range");
        long end = Math.min(size, offset + length);
        if (offset >= end) return new long[0];
        long first = offset / B;
        long last = (end - 1) / B;
        if (last - first >= Integer.MAX_VALUE - 8) throw new IllegalArgumentException("range too large for one LBA list");
        long[] out = new long[(int) (last - first + 1)];
        Arrays.fill(out, HOLE);
        for (Extent e : extents) {
            long a = Math.max(first, e.fileBlock());
            long b = Math.min(last + 1, e.endBlock());
            for (long blk = a; blk < b; blk++) out[(int) (blk - first)] = e.lbaOf(blk);
        }
        return out;
    }

    /** Whether {@code lba} holds a block of this snapshot (what a kernel may read). */
    public boolean contains(long lba) {
        for (Extent e : extents) if (lba >= e.lba() && lba < e.lba() + e.count()) return true;
        return false;
    }

    /** Reads the snapshot's bytes from {@code offset}; returns the count (0 at or past the size). */
    public int read(long offset, ByteBuffer dst) {
        if (closed) throw new IllegalStateException("snapshot released");
        if (offset < 0) throw new IllegalArgumentException("negative offset");
        if (offset >= size) return 0;
        int n = (int) Math.min(dst.remaining(), size - offset);
        ByteBuffer block = ByteBuffer.allocate(B);
        long[] lbas = lbas(offset, n);
        int done = 0;
        for (int i = 0; i < lbas.length; i++) {
            long blockStart = (offset / B + i) * B;
            int skip = (int) Math.max(0, offset + done - blockStart);
            int len = Math.min(n - done, B - skip);
            block.clear();
            if (lbas[i] != HOLE) DeviceIo.read(device, lbas[i], block);
            else Arrays.fill(block.array(), (byte) 0);
            dst.put(block.array(), skip, len);
            done += len;
        }
        return n;
    }

    /** Releases the pins; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        release.run();
    }
}
