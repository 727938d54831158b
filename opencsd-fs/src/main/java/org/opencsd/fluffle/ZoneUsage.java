package org.opencsd.fluffle;

import java.util.List;
import org.opencsd.zns.ZonedDevice;

/**
 * How FluffleFS uses each zone of a device, as its newest checkpoint plus log say: the zone's
 * role and, for data zones, how many written blocks still hold live file data (valid) and how
 * many are garbage that the collector can reclaim (invalid). Read without mounting and without
 * writing, so it works on an image opened read-only.
 *
 * @param role          what the file system keeps in the zone
 * @param writtenBlocks blocks written in the zone (up to the write pointer, or the capacity when Full)
 * @param validBlocks   written blocks that live extents map (always 0 outside data zones)
 *
 * <p>Immutable.
 */
public record ZoneUsage(Role role, long writtenBlocks, long validBlocks) {
    /** What a zone holds. */
    public enum Role {
        /** Zone 0: the superblock. */
        SUPERBLOCK,
        /** A metadata zone (checkpoint and log). */
        METADATA,
        /** A data zone: file blocks. */
        DATA
    }

    public ZoneUsage {
        if (writtenBlocks < 0 || validBlocks < 0) throw new IllegalArgumentException("negative block count");
    }

    /** Written blocks that no live extent maps: what GC can reclaim (0 outside data zones). */
    public long invalidBlocks() {
        return role == Role.DATA ? Math.max(0, writtenBlocks - validBlocks) : 0;
    }

    /**
     * Reads the usage of every zone of {@code device}, index by zone number.
     *
     * @throws ImageFormatException when the device holds no FluffleFS or its metadata is corrupt
     */
    public static List<ZoneUsage> read(ZonedDevice device) {
        Superblock sb = Formatter.readSuperblock(device);
        MetaState st = LogLoader.load(device, sb).state();
        ZoneUsage[] out = new ZoneUsage[sb.zoneCount()];
        for (int z = 0; z < sb.zoneCount(); z++) {
            Role role = z == 0 ? Role.SUPERBLOCK : sb.isMetaZone(z) ? Role.METADATA : Role.DATA;
            long written = LogLoader.writtenBlocks(device, sb, z);
            long valid = role == Role.DATA ? st.zoneValid(z) : 0;
            out[z] = new ZoneUsage(role, written, valid);
        }
        return List.of(out);
    }
}
