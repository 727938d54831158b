package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.opencsd.zns.ZoneAction;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;

/**
 * mkfs, and reading the superblock at mount. Layout: zone 0 the superblock (then finished), zones
 * 1-2 metadata, the rest data. Stateless; not for concurrent use on one device.
 */
public final class Formatter {
    /** Metadata zones. */
    static final int META_ZONES = 2;
    /** Data zones the garbage collector keeps for itself. */
    static final int RESERVE_ZONES = 2;
    /** Fewest data zones: two open streams and the reserve. */
    static final int MIN_DATA_ZONES = RESERVE_ZONES + 2;
    /** Smallest zone capacity, in 4 KiB blocks. */
    static final long MIN_ZONE_BLOCKS = 16;

    private Formatter() {}

    /**
     * Resets every zone and writes a new, empty file system.
     *
     * @throws IllegalArgumentException when the device cannot hold FluffleFS (message says why)
     */
    public static Superblock format(ZonedDevice device, long nowNanos) {
        ZoneGeometry g = device.geometry();
        checkGeometry(g);
        for (int z = 0; z < g.zoneCount(); z++) {
            ZoneState s = device.zone(z).state();
            if (s == ZoneState.READ_ONLY || s == ZoneState.OFFLINE) {
                throw new IllegalArgumentException("zone " + z + " is " + s.nvmeCliName() + "; FluffleFS needs every zone writable");
            }
            if (s != ZoneState.EMPTY) device.manage(z, ZoneAction.RESET);
        }
        Superblock sb = new Superblock(Superblock.VERSION, g.lbaSize(), g.zoneCount(), g.zoneSize(), g.zoneCapacity(),
                1, META_ZONES, 1 + META_ZONES, RESERVE_ZONES, UUID.randomUUID(), nowNanos);
        MetaState state = new MetaState(sb);
        state.apply(new LogRecord.InodeAttrs(MetaState.ROOT, FileType.DIRECTORY, 0755, 0, 0, 2, 0,
                nowNanos, nowNanos, nowNanos, MetaState.ROOT, ""));
        MetadataLog.format(device, sb, state);
        device.append(0, sb.encode());
        device.manage(0, ZoneAction.FINISH);
        device.flush();
        return sb;
    }

    /** Why {@code g} cannot hold FluffleFS, as an {@link IllegalArgumentException}; silent when it can. */
    static void checkGeometry(ZoneGeometry g) {
        if (g.lbaSize() != Superblock.BLOCK) {
            throw new IllegalArgumentException("FluffleFS needs 4096-byte LBAs, the device has " + g.lbaSize());
        }
        if (g.zoneCount() < 1 + META_ZONES + MIN_DATA_ZONES) {
            throw new IllegalArgumentException("FluffleFS needs at least " + (1 + META_ZONES + MIN_DATA_ZONES)
                    + " zones, the device has " + g.zoneCount());
        }
        if (g.zoneCapacity() < MIN_ZONE_BLOCKS) {
            throw new IllegalArgumentException("FluffleFS needs zones of at least " + MIN_ZONE_BLOCKS + " blocks");
        }
        if (g.maxActive() != 0 && g.maxActive() < 3) {
            throw new IllegalArgumentException("FluffleFS needs an active-zone limit of at least 3, the device has " + g.maxActive());
        }
    }

    /**
     * The superblock of a formatted device; an {@link ImageFormatException} for an unformatted,
     * foreign or corrupt one.
     */
    public static Superblock readSuperblock(ZonedDevice device) {
        ZoneGeometry g = device.geometry();
        if (g.lbaSize() != Superblock.BLOCK) {
            throw new ImageFormatException("not a FluffleFS file system: the device has " + g.lbaSize() + "-byte LBAs");
        }
        if (device.zone(0).state() == ZoneState.EMPTY) {
            throw new ImageFormatException("not formatted: the device holds no FluffleFS superblock (run `opencsd mkfs`)");
        }
        ByteBuffer b = ByteBuffer.allocate(Superblock.BLOCK);
        device.read(0, b);
        Superblock sb = Superblock.decode(b.array(), g);
        try {
            checkGeometry(g);
        } catch (IllegalArgumentException e) {
            throw new ImageFormatException(e.getMessage());
        }
        return sb;
    }
}
