package org.opencsd.cli.map;

import org.opencsd.zns.ZoneState;

/**
 * What the zone map draws for one zone, in LBAs of the zone.
 *
 * @param zone     zone number
 * @param state    zone state
 * @param size     zone size (the cell's full width)
 * @param capacity writable LBAs (the rest of the cell is shown as not writable)
 * @param written  LBAs below the write pointer (the capacity when Full)
 * @param valid    written LBAs holding live FluffleFS data, or -1 when no file system
 *                 accounting is drawn for this zone (no FluffleFS, or a metadata zone)
 * @param role     what the file system keeps there ("superblock", "metadata"), shown next to the
 *                 zone number; empty for data zones and devices without FluffleFS
 *
 * <p>Immutable.
 */
public record ZoneCell(int zone, ZoneState state, long size, long capacity, long written, long valid, String role) {
    public ZoneCell {
        if (size <= 0 || capacity < 0 || capacity > size || written < 0 || written > capacity || valid > written) {
            throw new IllegalArgumentException("inconsistent zone " + zone + ": size " + size + ", capacity "
                    + capacity + ", written " + written + ", valid " + valid);
        }
    }

    /** Whether valid vs invalid data is known for this zone. */
    public boolean hasAccounting() {
        return valid >= 0;
    }

    /** Written LBAs that hold no live data (0 without accounting). */
    public long invalid() {
        return hasAccounting() ? written - valid : 0;
    }
}
