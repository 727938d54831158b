package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;

/**
 * Device reads and appends split to the device's transfer limits (MDTS, ZASL) and zone
 * boundaries. Stateless; as thread-safe as the device.
 */
final class DeviceIo {
    private DeviceIo() {}

    /** Reads {@code dst.remaining()} bytes (whole LBAs) from {@code lba}, within one zone or across. */
    static void read(ZonedDevice d, long lba, ByteBuffer dst) {
        ZoneGeometry g = d.geometry();
        long limit = g.mdtsBytes() == 0 ? Long.MAX_VALUE : g.mdtsBytes();
        int end = dst.limit();
        while (dst.position() < end) {
            long zoneEnd = (lba / g.zoneSize() + 1) * g.zoneSize();
            long n = Math.min(end - dst.position(), Math.min(limit, (zoneEnd - lba) * g.lbaSize()));
            dst.limit(dst.position() + (int) n);
            d.read(lba, dst);
            dst.limit(end);
            lba += n / g.lbaSize();
        }
    }

    /**
     * Appends all of {@code src} (whole LBAs, fitting in the zone's remaining capacity) to
     * {@code zone}, in pieces of at most the append limit; the pieces land contiguously because
     * the caller is the zone's only writer.
     *
     * @return the LBA of the first block
     */
    static long append(ZonedDevice d, int zone, ByteBuffer src) {
        ZoneGeometry g = d.geometry();
        long limit = g.effectiveAppendLimit() == 0 ? Long.MAX_VALUE : g.effectiveAppendLimit();
        long start = g.zoneStart(zone);
        long first = -1;
        int end = src.limit();
        while (src.position() < end) {
            int n = (int) Math.min(end - src.position(), limit);
            src.limit(src.position() + n);
            long lba = d.append(start, src);
            src.limit(end);
            if (first < 0) first = lba;
        }
        return first;
    }
}
