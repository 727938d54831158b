package org.opencsd.zns;

/**
 * The shape and limits of a zoned namespace. Sizes of zones are in logical blocks (LBAs);
 * ZASL, MDTS and the descriptor extension size are in bytes.
 *
 * @param zoneCount          number of zones, at least 1
 * @param lbaSize            bytes per logical block: a power of two from 512 to 65536
 * @param zoneSize           ZSZE, LBAs per zone (zone {@code i} starts at LBA {@code i * zoneSize})
 * @param zoneCapacity       ZCAP, writable LBAs per zone, {@code 1 <= zoneCapacity <= zoneSize}
 * @param maxOpen            MOR, the open-zone limit; 0 = unlimited
 * @param maxActive          MAR, the active-zone limit; 0 = unlimited; {@code maxOpen <= maxActive}
 *                           when both are set; with MAR set and MOR 0, MOR becomes MAR (as QEMU)
 * @param zaslBytes          ZASL, largest zone append in bytes; 0 = only MDTS limits appends
 * @param mdtsBytes          MDTS, largest transfer of any read, write or append; 0 = unlimited
 * @param crossZoneReads     RAZB: whether one read may cross a zone boundary
 * @param descriptorExtensionSize ZDES in bytes, a multiple of 64 (0 = no descriptor extension)
 *
 * <p>The constructor rejects impossible geometry with an {@link IllegalArgumentException} whose
 * message is one line starting {@code invalid geometry:}. Immutable; safe to share.
 */
public record ZoneGeometry(int zoneCount, int lbaSize, long zoneSize, long zoneCapacity,
                           int maxOpen, int maxActive, long zaslBytes, long mdtsBytes,
                           boolean crossZoneReads, int descriptorExtensionSize) {

    /** Largest descriptor extension: ZDES is a byte counting 64-byte units. */
    public static final int MAX_DESCRIPTOR_EXTENSION = 255 * 64;

    public ZoneGeometry {
        require(zoneCount >= 1, "the zone count must be at least 1, not " + zoneCount);
        require(lbaSize >= 512 && lbaSize <= 65536 && Integer.bitCount(lbaSize) == 1,
                "the LBA size must be a power of two from 512 to 65536, not " + lbaSize);
        require(zoneSize >= 1, "the zone size must be at least one LBA, not " + zoneSize);
        require(zoneCapacity >= 1, "the zone capacity must be at least one LBA, not " + zoneCapacity);
        require(zoneCapacity <= zoneSize, "the zone capacity (" + zoneCapacity
                + " LBAs) exceeds the zone size (" + zoneSize + " LBAs)");
        require(maxOpen >= 0 && maxActive >= 0, "open and active limits cannot be negative");
        require(maxOpen == 0 || maxOpen <= zoneCount, "the open limit " + maxOpen
                + " exceeds the zone count " + zoneCount);
        require(maxActive == 0 || maxActive <= zoneCount, "the active limit " + maxActive
                + " exceeds the zone count " + zoneCount);
        require(maxActive == 0 || maxOpen <= maxActive, "the open limit (" + maxOpen
                + ") exceeds the active limit (" + maxActive + ")");
        if (maxActive != 0 && maxOpen == 0) maxOpen = maxActive; // as QEMU: MOR defaults to MAR
        require(zaslBytes >= 0 && zaslBytes % lbaSize == 0,
                "ZASL must be a multiple of the LBA size " + lbaSize + ", not " + zaslBytes);
        require(mdtsBytes >= 0 && mdtsBytes % lbaSize == 0,
                "MDTS must be a multiple of the LBA size " + lbaSize + ", not " + mdtsBytes);
        require(descriptorExtensionSize >= 0 && descriptorExtensionSize % 64 == 0
                        && descriptorExtensionSize <= MAX_DESCRIPTOR_EXTENSION,
                "the descriptor extension size must be a multiple of 64 up to "
                        + MAX_DESCRIPTOR_EXTENSION + ", not " + descriptorExtensionSize);
        require(zoneSize <= Long.MAX_VALUE / lbaSize / zoneCount,
                "the namespace is too large to address");
    }

    /** A geometry with no limits, no cross-zone reads and no descriptor extension. */
    public static ZoneGeometry of(int zoneCount, int lbaSize, long zoneSize, long zoneCapacity) {
        return new ZoneGeometry(zoneCount, lbaSize, zoneSize, zoneCapacity, 0, 0, 0, 0, false, 0);
    }

    /** This geometry with MOR and MAR set. */
    public ZoneGeometry withLimits(int maxOpen, int maxActive) {
        return new ZoneGeometry(zoneCount, lbaSize, zoneSize, zoneCapacity, maxOpen, maxActive,
                zaslBytes, mdtsBytes, crossZoneReads, descriptorExtensionSize);
    }

    /** This geometry with ZASL and MDTS set (bytes; 0 = unlimited). */
    public ZoneGeometry withTransferLimits(long zaslBytes, long mdtsBytes) {
        return new ZoneGeometry(zoneCount, lbaSize, zoneSize, zoneCapacity, maxOpen, maxActive,
                zaslBytes, mdtsBytes, crossZoneReads, descriptorExtensionSize);
    }

    /** This geometry with cross-zone reads and the descriptor extension size set. */
    public ZoneGeometry withOptions(boolean crossZoneReads, int descriptorExtensionSize) {
        return new ZoneGeometry(zoneCount, lbaSize, zoneSize, zoneCapacity, maxOpen, maxActive,
                zaslBytes, mdtsBytes, crossZoneReads, descriptorExtensionSize);
    }

    /** Number of LBAs in the namespace (NSZE). */
    public long totalLbas() {
        return zoneCount * zoneSize;
    }

    /** Bytes of the whole namespace. */
    public long totalBytes() {
        return totalLbas() * lbaSize;
    }

    /** Bytes per zone (ZSZE in bytes). */
    public long zoneSizeBytes() {
        return zoneSize * lbaSize;
    }

    /** First LBA of zone {@code zone}. */
    public long zoneStart(int zone) {
        return zone * zoneSize;
    }

    /** The zone holding {@code lba} (which must be inside the namespace). */
    public int zoneOf(long lba) {
        return (int) (lba / zoneSize);
    }

    /** The effective append limit in bytes: ZASL, or MDTS when ZASL is 0; 0 = unlimited. */
    public long effectiveAppendLimit() {
        return zaslBytes != 0 ? zaslBytes : mdtsBytes;
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException("invalid geometry: " + message);
    }
}
