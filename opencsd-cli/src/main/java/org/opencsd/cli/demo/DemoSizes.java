package org.opencsd.cli.demo;

import org.opencsd.cli.UserError;
import org.opencsd.cli.zns.SizeConverter;
import org.opencsd.zns.ZoneGeometry;

/**
 * The demo's embedded geometry: the size of the data set written through the mount, the
 * FluffleFS image that holds it (16 MiB zones, twice the data set plus room for metadata and
 * garbage collection) and the raw zone of the ZCSD count. Immutable.
 *
 * @param dataBytes the data set, a positive multiple of 1 MiB
 * @param zcsdZoneBytes the ZCSD zone, a positive multiple of 1 MiB
 */
public record DemoSizes(long dataBytes, long zcsdZoneBytes) {
    /** The data set when nothing is asked: fast enough for two minutes on two busy cores. */
    public static final long DEFAULT_DATA = 128L << 20;
    /** The ZCSD zone when nothing is asked (the original demo's count over one zone). */
    public static final long DEFAULT_ZCSD_ZONE = 64L << 20;
    /** The smallest data set the demo shrinks to when the disk is short of space. */
    public static final long MIN_DATA = 16L << 20;
    static final long FS_ZONE = 16L << 20;
    static final int LBA = 4096;
    private static final long MIB = 1L << 20;

    public DemoSizes {
        require("--data-size", dataBytes);
        require("--zone-size", zcsdZoneBytes);
    }

    private static void require(String option, long bytes) {
        if (bytes < MIB || bytes % MIB != 0 || bytes > (16L << 30)) {
            throw new UserError(option + " must be a multiple of 1 MiB from 1M to 16G, not " + bytes + " bytes");
        }
    }

    /**
     * The sizes asked for, or the defaults; when the defaults do not fit in {@code usableBytes}
     * of disk, a smaller data set (down to {@link #MIN_DATA}) and ZCSD zone that do. Explicit
     * sizes are never changed: when they do not fit the demo stops with one line.
     */
    public static DemoSizes fit(Long dataBytes, Long zcsdZoneBytes, long usableBytes) {
        DemoSizes asked = new DemoSizes(dataBytes == null ? DEFAULT_DATA : dataBytes,
                zcsdZoneBytes == null ? DEFAULT_ZCSD_ZONE : zcsdZoneBytes);
        DemoSizes s = asked;
        while (s.diskBytes() > usableBytes && dataBytes == null && s.dataBytes > MIN_DATA) {
            s = new DemoSizes(s.dataBytes / 2, zcsdZoneBytes == null ? Math.max(MIN_DATA, s.zcsdZoneBytes / 2) : s.zcsdZoneBytes);
        }
        if (s.diskBytes() > usableBytes) {
            throw new UserError("the demo needs " + SizeConverter.human(s.diskBytes() / MIB * MIB) + " of free disk, "
                    + SizeConverter.human(usableBytes / MIB * MIB) + " are free there (choose another --work-dir or a smaller --data-size)");
        }
        return s;
    }

    /** Disk the demo may use at most: the data set written twice (file and free space), both images' metadata, the ZCSD zone. */
    public long diskBytes() {
        return 2 * dataBytes + 4 * FS_ZONE + zcsdZoneBytes;
    }

    /** The FluffleFS image: 16 MiB zones, twice the data set plus 16 zones (superblock, log, reserve). */
    public ZoneGeometry fsGeometry() {
        int zones = (int) (2 * dataBytes / FS_ZONE) + 16;
        return ZoneGeometry.of(zones, LBA, FS_ZONE / LBA, FS_ZONE / LBA);
    }

    /** The raw image of the ZCSD count: one zone of {@link #zcsdZoneBytes}. */
    public ZoneGeometry zcsdGeometry() {
        return ZoneGeometry.of(1, LBA, zcsdZoneBytes / LBA, zcsdZoneBytes / LBA);
    }

    /** One line for the user: what the demo will write. */
    public String describe() {
        ZoneGeometry g = fsGeometry();
        return "data set " + SizeConverter.human(dataBytes) + " on FluffleFS (" + g.zoneCount() + " zones of "
                + SizeConverter.human(FS_ZONE) + "), ZCSD zone " + SizeConverter.human(zcsdZoneBytes);
    }
}
