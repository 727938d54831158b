package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.opencsd.zns.ZoneGeometry;

/**
 * The superblock, LBA 0 of zone 0 (layout in {@code docs/fluffle-format.md}): what the device
 * must look like and where metadata and data zones are. Immutable.
 *
 * @param version        on-disk format version ({@link #VERSION})
 * @param metaZoneFirst  first metadata (log and checkpoint) zone
 * @param metaZoneCount  metadata zones (they alternate: one holds the live log)
 * @param dataZoneFirst  first data zone; data zones run to the end of the device
 * @param reserveZones   data zones kept free for the garbage collector
 */
public record Superblock(int version, int lbaSize, int zoneCount, long zoneSize, long zoneCapacity,
                         int metaZoneFirst, int metaZoneCount, int dataZoneFirst, int reserveZones,
                         UUID uuid, long createdNanos) {
    /** "FLUFFLFS" little endian. */
    public static final long MAGIC = 0x53464c4646554c46L;
    /** The format version this code reads and writes. */
    public static final int VERSION = 1;
    /** The only block size: 4 KiB. */
    public static final int BLOCK = 4096;
    private static final int CRC_AT = 124;

    /** The zone holding {@code lba}. */
    public int zoneOfLba(long lba) {
        return (int) (lba / zoneSize);
    }

    /** First LBA of {@code zone}. */
    public long zoneStart(int zone) {
        return zone * zoneSize;
    }

    /** Number of data zones. */
    public int dataZoneCount() {
        return zoneCount - dataZoneFirst;
    }

    /** Whether {@code zone} is a metadata zone. */
    public boolean isMetaZone(int zone) {
        return zone >= metaZoneFirst && zone < metaZoneFirst + metaZoneCount;
    }

    /** The superblock block (4 KiB). */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(MAGIC).putInt(version).putInt(lbaSize).putInt(zoneCount).putInt(metaZoneFirst)
                .putLong(zoneSize).putLong(zoneCapacity).putInt(metaZoneCount).putInt(dataZoneFirst)
                .putInt(reserveZones).putInt(0).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).putLong(createdNanos);
        b.putInt(CRC_AT, crc(b.array()));
        return b.array();
    }

    /**
     * Reads a superblock block, checking magic, version, checksum and that it describes
     * {@code g}; anything else is an {@link ImageFormatException} naming what is wrong.
     */
    public static Superblock decode(byte[] block, ZoneGeometry g) {
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getLong(0) != MAGIC) throw new ImageFormatException("not a FluffleFS file system (no FluffleFS superblock magic)");
        int version = b.getInt(8);
        if (version != VERSION) {
            throw new ImageFormatException("FluffleFS format version " + version + " is not supported (this build reads version " + VERSION + ")");
        }
        if (b.getInt(CRC_AT) != crc(block)) throw new ImageFormatException("the FluffleFS superblock is corrupt (checksum mismatch)");
        Superblock sb = new Superblock(version, b.getInt(12), b.getInt(16), b.getLong(24), b.getLong(32),
                b.getInt(20), b.getInt(40), b.getInt(44), b.getInt(48),
                new UUID(b.getLong(56), b.getLong(64)), b.getLong(72));
        if (sb.lbaSize != g.lbaSize() || sb.zoneCount != g.zoneCount() || sb.zoneSize != g.zoneSize()
                || sb.zoneCapacity != g.zoneCapacity()) {
            throw new ImageFormatException("the FluffleFS superblock describes " + sb.zoneCount + " zones of "
                    + sb.zoneSize + " LBAs (capacity " + sb.zoneCapacity + ") but the device has " + g.zoneCount()
                    + " zones of " + g.zoneSize() + " (capacity " + g.zoneCapacity() + ")");
        }
        if (sb.metaZoneFirst != 1 || sb.metaZoneCount < 2 || sb.dataZoneFirst != sb.metaZoneFirst + sb.metaZoneCount
                || sb.reserveZones < 1 || sb.dataZoneCount() < sb.reserveZones + 2) {
            throw new ImageFormatException("the FluffleFS superblock has an impossible zone layout");
        }
        return sb;
    }

    private static int crc(byte[] block) {
        CRC32C c = new CRC32C();
        c.update(block, 0, CRC_AT);
        return (int) c.getValue();
    }
}
