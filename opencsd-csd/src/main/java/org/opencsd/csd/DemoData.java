package org.opencsd.csd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;

/**
 * The ZCSD demo's data: a zone filled to its capacity with little-endian u32 values drawn
 * uniformly from {@code [0, RAND_MAX]} ({@value #RAND_MAX}, glibc's) by a generator seeded with
 * {@code seed}, so that a run is reproducible and a host can recompute the expected answers.
 * Stateless; thread-safe.
 */
public final class DemoData {
    /** glibc's RAND_MAX. */
    public static final int RAND_MAX = 0x7fffffff;
    private static final int BATCH = 1 << 20;

    private DemoData() {}

    /**
     * Appends the zone's capacity of demo data to zone {@code zone}, which must be empty; returns
     * the bytes written.
     */
    public static long fillZone(ZonedDevice device, int zone, long seed) {
        return fillZone(device, zone, seed, n -> { });
    }

    /**
     * As {@link #fillZone(ZonedDevice, int, long)}, telling {@code progress} the bytes of each
     * append once it is done (for a progress bar).
     */
    public static long fillZone(ZonedDevice device, int zone, long seed, java.util.function.LongConsumer progress) {
        ZoneGeometry g = device.geometry();
        long total = g.zoneCapacity() * g.lbaSize();
        long limit = g.effectiveAppendLimit();
        int batch = (int) Math.min(BATCH, limit == 0 ? BATCH : limit);
        batch = Math.max(g.lbaSize(), batch / g.lbaSize() * g.lbaSize());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buf = new byte[batch];
        for (long done = 0; done < total; done += batch) {
            int n = (int) Math.min(batch, total - done);
            fill(random, buf, n);
            device.append(g.zoneStart(zone), ByteBuffer.wrap(buf, 0, n));
            progress.accept(n);
        }
        return total;
    }

    /** The first {@code bytes} bytes {@link #fillZone} writes for {@code seed}. */
    public static byte[] bytes(long seed, int bytes) {
        byte[] out = new byte[bytes];
        fill(new SplittableRandom(seed), out, bytes);
        return out;
    }

    private static void fill(SplittableRandom random, byte[] buf, int n) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 4) b.putInt(random.nextInt() & RAND_MAX);
    }
}
