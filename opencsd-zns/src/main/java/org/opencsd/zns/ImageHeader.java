package org.opencsd.zns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The checksummed header at the start of a device image, and the layout it implies.
 *
 * <pre>
 * offset size  field (little endian)
 *   0     8    magic "OCSDZNS\0"
 *   8     4    format version (1)
 *  12     4    header length (128)
 *  16     4    zone count            20  4  LBA size
 *  24     8    zone size (LBAs)      32  8  zone capacity (LBAs)
 *  40     4    MOR                   44  4  MAR
 *  48     8    ZASL (bytes)          56  8  MDTS (bytes)
 *  64     4    flags (bit 0: cross-zone reads)
 *  68     4    descriptor extension size (bytes)
 *  72     8    zone-state table offset
 *  80     8    descriptor extension area offset
 *  88     8    data offset
 *  96    28    reserved (zero)
 * 124     4    CRC-32C of bytes 0..123
 * 512     8    pid of the process holding the image for writing (0 = none; not checksummed)
 * </pre>
 *
 * The zone-state table starts at 4096; the extension area follows, aligned to 4096 bytes, and
 * the data, aligned to 2 MiB. Immutable; safe to share.
 *
 * @param geometry        the namespace geometry
 * @param tableOffset     where the zone-state table starts
 * @param extensionOffset where the descriptor extensions start (zone i at + i * ZDES)
 * @param dataOffset      where LBA 0 starts
 */
record ImageHeader(ZoneGeometry geometry, long tableOffset, long extensionOffset, long dataOffset) {
    static final byte[] MAGIC = "OCSDZNS\0".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int LENGTH = 128;
    static final int CRC_OFFSET = 124;
    static final long PID_OFFSET = 512;
    static final long PAGE = 4096;
    /**
     * The data region starts on a 2 MiB boundary (the gap is a hole in the sparse file): data
     * aligned like a plain file lets the page cache use large folios, which makes reads as
     * cheap as on a plain file.
     */
    static final long DATA_ALIGNMENT = 2L << 20;

    /** The layout of a new image of {@code g}. */
    static ImageHeader forGeometry(ZoneGeometry g) {
        long table = PAGE;
        long ext = align(table + ZoneStateTable.bytes(g.zoneCount()));
        long data = align(ext + (long) g.zoneCount() * g.descriptorExtensionSize(), DATA_ALIGNMENT);
        return new ImageHeader(g, table, ext, data);
    }

    private static long align(long v) {
        return align(v, PAGE);
    }

    private static long align(long v, long to) {
        return (v + to - 1) / to * to;
    }

    /** The 128 header bytes, checksum included. */
    byte[] encode() {
        ZoneGeometry g = geometry;
        ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, MAGIC).putInt(8, VERSION).putInt(12, LENGTH);
        b.putInt(16, g.zoneCount()).putInt(20, g.lbaSize()).putLong(24, g.zoneSize()).putLong(32, g.zoneCapacity());
        b.putInt(40, g.maxOpen()).putInt(44, g.maxActive()).putLong(48, g.zaslBytes()).putLong(56, g.mdtsBytes());
        b.putInt(64, g.crossZoneReads() ? 1 : 0).putInt(68, g.descriptorExtensionSize());
        b.putLong(72, tableOffset).putLong(80, extensionOffset).putLong(88, dataOffset);
        b.putInt(CRC_OFFSET, crc(b.array()));
        return b.array();
    }

    /**
     * Decodes and checks a header read from {@code image} (whose length is {@code fileSize});
     * throws an {@link ImageException} naming what is wrong.
     */
    static ImageHeader decode(Path image, ByteBuffer raw, long fileSize) {
        if (fileSize < LENGTH) {
            throw new ImageException(image, fileSize == 0 ? "is empty, not a zoned device image"
                    : "is truncated: " + fileSize + " bytes, shorter than the " + LENGTH + "-byte header");
        }
        ByteBuffer b = raw.order(ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = new byte[LENGTH];
        b.get(0, bytes);
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) throw new ImageException(image, "is not a zoned device image (foreign magic)");
        }
        if (b.getInt(8) != VERSION) {
            throw new ImageException(image, "has format version " + b.getInt(8) + "; this build reads version " + VERSION);
        }
        if (b.getInt(12) != LENGTH || b.getInt(CRC_OFFSET) != crc(bytes)) {
            throw new ImageException(image, "has a corrupt header (checksum mismatch)");
        }
        int flags = b.getInt(64);
        ZoneGeometry g;
        try {
            g = new ZoneGeometry(b.getInt(16), b.getInt(20), b.getLong(24), b.getLong(32), b.getInt(40),
                    b.getInt(44), b.getLong(48), b.getLong(56), (flags & 1) != 0, b.getInt(68));
        } catch (IllegalArgumentException e) {
            throw new ImageException(image, "has an impossible header: " + e.getMessage());
        }
        ImageHeader h = new ImageHeader(g, b.getLong(72), b.getLong(80), b.getLong(88));
        if (!h.equals(forGeometry(g))) throw new ImageException(image, "has a corrupt header (bad layout)");
        if (fileSize < h.dataOffset) {
            throw new ImageException(image, "is truncated: " + fileSize + " bytes, but its zone-state table and "
                    + "header need " + h.dataOffset);
        }
        return h;
    }

    private static int crc(byte[] header) {
        CRC32C c = new CRC32C();
        c.update(header, 0, CRC_OFFSET);
        return (int) c.getValue();
    }
}
