package org.opencsd.cli.map;

import java.util.ArrayList;
import java.util.List;
import org.opencsd.fluffle.ImageFormatException;
import org.opencsd.fluffle.ZoneUsage;
import org.opencsd.zns.ZoneDescriptor;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;

/**
 * Reads what the zone map shows from a device, without changing it: each zone's state, capacity
 * and write pointer, and, when a FluffleFS is on the device, each data zone's valid blocks from the
 * file system's checkpoint and log ({@link ZoneUsage}). Stateless.
 *
 * @param cells   zone i at index i
 * @param fluffle whether FluffleFS accounting was found and drawn
 * @param note    what the file-system side found, for the subtitle ("FluffleFS: ..." or why none)
 */
public record ZoneMapSource(List<ZoneCell> cells, boolean fluffle, String note) {
    public ZoneMapSource {
        cells = List.copyOf(cells);
    }

    /** Reads {@code device}'s zones and, when present, its FluffleFS accounting. */
    public static ZoneMapSource read(ZonedDevice device) {
        ZoneGeometry g = device.geometry();
        List<ZoneDescriptor> zones = device.zones();
        List<ZoneUsage> usage = null;
        String note;
        try {
            usage = ZoneUsage.read(device);
        } catch (ImageFormatException e) {
            note = e.getMessage().startsWith("not formatted") ? "no FluffleFS" : "no FluffleFS accounting: " + e.getMessage();
            return new ZoneMapSource(cells(g, zones, null), false, note);
        }
        long valid = 0;
        long invalid = 0;
        for (ZoneUsage u : usage) {
            valid += u.validBlocks();
            invalid += u.invalidBlocks();
        }
        long lba = g.lbaSize();
        note = "FluffleFS: " + mib(valid * lba) + " valid, " + mib(invalid * lba) + " invalid in data zones";
        return new ZoneMapSource(cells(g, zones, usage), true, note);
    }

    private static List<ZoneCell> cells(ZoneGeometry g, List<ZoneDescriptor> zones, List<ZoneUsage> usage) {
        List<ZoneCell> out = new ArrayList<>(zones.size());
        for (ZoneDescriptor z : zones) {
            long written = written(z);
            long valid = -1;
            String role = "";
            if (usage != null) {
                ZoneUsage u = usage.get(z.zoneIndex());
                switch (u.role()) {
                    case DATA -> valid = Math.min(written, u.validBlocks());
                    case SUPERBLOCK -> role = "superblock";
                    case METADATA -> role = "metadata";
                }
            }
            out.add(new ZoneCell(z.zoneIndex(), z.state(), g.zoneSize(), z.capacity(), written, valid, role));
        }
        return out;
    }

    /** LBAs below the write pointer; the capacity for Full and Read Only zones; 0 when Offline. */
    static long written(ZoneDescriptor z) {
        if (z.state() == ZoneState.OFFLINE || z.state() == ZoneState.EMPTY) return 0;
        if (z.writePointer() == ZoneDescriptor.NO_WRITE_POINTER) return z.capacity();
        return Math.min(z.capacity(), z.writePointer() - z.startLba());
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
