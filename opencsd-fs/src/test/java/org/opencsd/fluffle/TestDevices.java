package org.opencsd.fluffle;

import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/** Small memory devices formatted for tests. */
final class TestDevices {
    private TestDevices() {}

    /** {@code zones} zones of {@code zoneBlocks} 4 KiB blocks (capacity 3/4 of the size), MAR 6, ZASL 64 KiB. */
    static ZoneGeometry geometry(int zones, long zoneBlocks) {
        return ZoneGeometry.of(zones, 4096, zoneBlocks, zoneBlocks * 3 / 4).withLimits(4, 6).withTransferLimits(64 << 10, 0);
    }

    static ZonedDevice formatted(int zones, long zoneBlocks) {
        ZonedDevice d = ZonedDevices.memory(geometry(zones, zoneBlocks));
        FluffleFs.format(d);
        return d;
    }

    static FluffleFs mount(ZonedDevice d) {
        return FluffleFs.mount(d, MountOptions.foregroundOnly(), false);
    }

    static byte[] pattern(long seed, int n) {
        byte[] b = new byte[n];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b[i] = (byte) x;
        }
        return b;
    }
}
