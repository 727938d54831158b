package org.opencsd.cli.zns;

import java.nio.ByteBuffer;
import org.opencsd.cli.progress.Progress;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;

/**
 * Large zns reads and writes split into 4 MiB commands at consecutive LBAs so that a progress bar
 * can follow them. A range is split only where that cannot change the outcome: it lies inside
 * one zone's capacity (a write) or inside one zone (a read), and within MDTS, so the device would
 * accept or refuse every piece as it accepts or refuses the whole; any other range goes to the device as one
 * command, exactly as before. Stateless.
 */
final class ChunkedIo {
    /** Inputs below this go to the device as one command, without a bar. */
    static final long THRESHOLD = 8L << 20;
    private static final int CHUNK = 4 << 20;

    private ChunkedIo() {}

    /** Writes {@code data} (whole LBAs) at {@code lba}. */
    static void write(ZonedDevice d, long lba, byte[] data, boolean forceBar) {
        ZoneGeometry g = d.geometry();
        int zone = (int) (lba / g.zoneSize());
        long lbas = data.length / g.lbaSize();
        boolean split = data.length >= THRESHOLD && zone < g.zoneCount()
                && lba + lbas <= g.zoneStart(zone) + g.zoneCapacity() && withinMdts(g, data.length);
        if (!split) {
            d.write(lba, ByteBuffer.wrap(data));
            return;
        }
        int chunk = chunk(g);
        try (Progress bar = Progress.start("write", data.length, "MiB", 1 << 20, forceBar, false)) {
            for (int off = 0; off < data.length; off += chunk) {
                int n = Math.min(chunk, data.length - off);
                d.write(lba + off / g.lbaSize(), ByteBuffer.wrap(data, off, n));
                bar.step(n);
            }
        }
    }

    /** Reads {@code blocks} LBAs from {@code lba}. */
    static byte[] read(ZonedDevice d, long lba, int blocks, boolean forceBar) {
        ZoneGeometry g = d.geometry();
        long bytes = (long) blocks * g.lbaSize();
        boolean split = bytes >= THRESHOLD && lba / g.zoneSize() == (lba + blocks - 1) / g.zoneSize()
                && lba / g.zoneSize() < g.zoneCount() && withinMdts(g, bytes);
        if (!split) return d.read(lba, blocks);
        byte[] out = new byte[(int) bytes];
        int chunk = chunk(g);
        try (Progress bar = Progress.start("read", bytes, "MiB", 1 << 20, forceBar, false)) {
            for (int off = 0; off < out.length; off += chunk) {
                int n = Math.min(chunk, out.length - off);
                d.read(lba + off / g.lbaSize(), ByteBuffer.wrap(out, off, n));
                bar.step(n);
            }
        }
        return out;
    }

    private static boolean withinMdts(ZoneGeometry g, long bytes) {
        return g.mdtsBytes() == 0 || bytes <= g.mdtsBytes();
    }

    /** 4 MiB, or the device's MDTS when smaller, in whole LBAs. */
    private static int chunk(ZoneGeometry g) {
        long c = g.mdtsBytes() > 0 ? Math.min(CHUNK, g.mdtsBytes()) : CHUNK;
        return (int) Math.max(g.lbaSize(), c / g.lbaSize() * g.lbaSize());
    }
}
