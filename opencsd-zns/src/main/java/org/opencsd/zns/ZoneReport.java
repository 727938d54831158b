package org.opencsd.zns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The answer of Zone Management Receive (report zones).
 *
 * @param nrZones     the header's zone count: with a partial report, the number of descriptors
 *                    returned; without, every zone matching the filter from the start LBA on
 * @param descriptors the descriptors returned, in zone order
 *
 * <p>Immutable; safe to share.
 */
public record ZoneReport(long nrZones, List<ZoneDescriptor> descriptors) {
    /** Bytes of the report header ({@code u64 nr_zones} and reserved bytes). */
    public static final int HEADER_SIZE = 64;

    public ZoneReport {
        descriptors = List.copyOf(descriptors);
    }

    /**
     * The report as a host receives it: the 64-byte header, then 64-byte descriptors; with
     * {@code extended} (Extended Report Zones), each descriptor is followed by its
     * {@code extensionSize}-byte descriptor extension (zeroes when not valid).
     */
    public byte[] encode(boolean extended, int extensionSize) {
        int per = ZoneDescriptor.SIZE + (extended ? extensionSize : 0);
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + per * descriptors.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, nrZones);
        int at = HEADER_SIZE;
        for (ZoneDescriptor d : descriptors) {
            b.put(at, d.encode());
            if (extended) b.put(at + ZoneDescriptor.SIZE, d.extension());
            at += per;
        }
        return b.array();
    }

    /** The plain report (no extensions). */
    public byte[] encode() {
        return encode(false, 0);
    }
}
