package org.opencsd.zns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One zone as Zone Management Receive reports it.
 *
 * @param zoneIndex     the zone's number (not encoded; for convenience)
 * @param state         the zone state
 * @param attributes    ZA: bit 0 finished by controller, bit 1 finish recommended, bit 2 reset
 *                      recommended, bit 3 ZRWA valid, bit 7 descriptor extension valid
 * @param attributesInfo ZAI
 * @param capacity      ZCAP in LBAs
 * @param startLba      ZSLBA
 * @param writePointer  WP as reported: the zone start when Empty, all ones for Full, Read Only
 *                      and Offline zones
 * @param extension     the zone descriptor extension ({@code ZDES} bytes) when valid, else empty
 *
 * <p>Immutable (the extension is copied in and out); safe to share.
 */
public record ZoneDescriptor(int zoneIndex, ZoneState state, int attributes, int attributesInfo,
                             long capacity, long startLba, long writePointer, byte[] extension) {
    /** Bytes of one encoded descriptor. */
    public static final int SIZE = 64;
    /** Zone type 2: sequential write required. */
    public static final int TYPE_SEQUENTIAL_WRITE_REQUIRED = 2;
    /** ZA bit 7: the zone descriptor extension is valid. */
    public static final int ATTR_EXTENSION_VALID = 0x80;
    /** The WP reported for zones without a write pointer (Full, Read Only, Offline). */
    public static final long NO_WRITE_POINTER = 0xffffffffffffffffL;

    public ZoneDescriptor {
        extension = extension == null ? new byte[0] : extension.clone();
    }

    /** The zone type: always sequential write required. */
    public int type() {
        return TYPE_SEQUENTIAL_WRITE_REQUIRED;
    }

    @Override
    public byte[] extension() {
        return extension.clone();
    }

    /** The 64-byte descriptor: ZT @0, ZS @1, ZA @2, ZAI @3, ZCAP @8, ZSLBA @16, WP @24 (LE). */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) type());
        b.put(1, (byte) state.descriptorByte());
        b.put(2, (byte) attributes);
        b.put(3, (byte) attributesInfo);
        b.putLong(8, capacity);
        b.putLong(16, startLba);
        b.putLong(24, writePointer);
        return b.array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZoneDescriptor d && zoneIndex == d.zoneIndex && state == d.state
                && attributes == d.attributes && attributesInfo == d.attributesInfo
                && capacity == d.capacity && startLba == d.startLba
                && writePointer == d.writePointer && Arrays.equals(extension, d.extension);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(startLba) * 31 + state.hashCode() + Long.hashCode(writePointer);
    }

    @Override
    public String toString() {
        return "ZoneDescriptor[zone=" + zoneIndex + ", " + state + ", ZA=0x" + Integer.toHexString(attributes)
                + ", ZCAP=0x" + Long.toHexString(capacity) + ", ZSLBA=0x" + Long.toHexString(startLba)
                + ", WP=0x" + Long.toHexString(writePointer) + ", extension=" + extension.length + " bytes]";
    }
}
