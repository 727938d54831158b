package org.opencsd.bench.fs;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.opencsd.fluffle.Credentials;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.fluffle.FsStats;
import org.opencsd.fluffle.MountOptions;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/**
 * Write amplification under the garbage collector: a file filling {@code utilisation} of the
 * usable space, then uniformly random 4 KiB overwrites totalling {@code passes} times the device
 * size; WA = bytes written to the device (data, relocations, metadata) / bytes applications
 * wrote, during the overwrite phase. Memory device of 64 zones of 4 MiB (zone capacity = size).
 * Run alone: {@code java ... org.opencsd.bench.fs.FsWriteAmplification [0.8 0.9]}.
 */
public final class FsWriteAmplification {
    private static final int B = 4096;

    /** One measurement. */
    public record Result(double utilisation, long overwrites, double writeAmplification, double metadataShare,
                         long blocksMoved, long zonesReclaimed, double seconds) {}

    private FsWriteAmplification() {}

    public static void main(String[] args) {
        double[] utils = args.length == 0 ? new double[] {0.8, 0.9} : java.util.Arrays.stream(args).mapToDouble(Double::parseDouble).toArray();
        for (double u : utils) System.out.println(format(measure(u, 4)));
    }

    static String format(Result r) {
        return String.format("GC at %.0f%% utilisation: WA %.2f (metadata %.2f of it), %,d overwrites, %,d blocks moved, %,d zones reclaimed, %.1f s",
                r.utilisation() * 100, r.writeAmplification(), r.metadataShare(), r.overwrites(), r.blocksMoved(),
                r.zonesReclaimed(), r.seconds());
    }

    /** Measures WA at {@code utilisation} with overwrites totalling {@code passes} times the device size. */
    public static Result measure(double utilisation, int passes) {
        ZoneGeometry g = ZoneGeometry.of(64, B, 1024, 1024).withLimits(8, 8);
        try (ZonedDevice d = ZonedDevices.memory(g)) {
            FluffleFs.format(d);
            try (FluffleFs fs = FluffleFs.mount(d, MountOptions.foregroundOnly(), false)) {
                long blocks = (long) (fs.statfs().totalBlocks() * utilisation);
                long ino = fs.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT).ino();
                ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
                for (long off = 0; off < blocks * B; off += chunk.capacity()) {
                    chunk.clear().limit((int) Math.min(chunk.capacity(), blocks * B - off));
                    fs.write(ino, off, chunk);
                }
                fs.sync();
                FsStats before = fs.stats();
                SplittableRandom rnd = new SplittableRandom(3);
                ByteBuffer block = ByteBuffer.allocate(B);
                long overwrites = g.totalLbas() * passes;
                long t0 = System.nanoTime();
                for (long i = 0; i < overwrites; i++) {
                    block.clear();
                    block.putLong(0, i);
                    fs.write(ino, rnd.nextLong(blocks) * B, block);
                }
                fs.sync();
                double secs = (System.nanoTime() - t0) / 1e9;
                FsStats after = fs.stats();
                double user = after.userBytesWritten() - before.userBytesWritten();
                return new Result(utilisation, overwrites, (after.deviceBytesWritten() - before.deviceBytesWritten()) / user,
                        (after.metadataBytesWritten() - before.metadataBytesWritten()) / user,
                        after.gcBlocksMoved() - before.gcBlocksMoved(), after.zonesReclaimed() - before.zonesReclaimed(), secs);
            }
        }
    }
}
