package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.opencsd.zns.ZoneAction;
import org.opencsd.zns.ZoneDescriptor;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;

/**
 * Data zone bookkeeping: which data zones are free (Empty), which one each {@link StreamKind}
 * writes to, and how far each zone is written. At most one open zone per stream plus the live
 * metadata zone are active, so the file system needs an active-zone limit (MAR) of 0 or at
 * least 3; zone capacity, not size, bounds each zone. Application writes may not take the last
 * {@code reserve} free zones: those are for the garbage collector, which must always be able to
 * move a victim's live blocks before resetting it.
 *
 * <p>Not thread-safe: the file system's write lock guards it.
 */
final class ZoneAllocator {
    /** Blocks placed contiguously by one append. */
    record Run(long lba, long count) {}

    private final ZonedDevice device;
    private final Superblock sb;
    private final long[] written;
    private final boolean[] usable;
    private final long[] fillStamp;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final EnumMap<StreamKind, Integer> open = new EnumMap<>(StreamKind.class);
    private long stamp;

    /** Reads every data zone's state; extra partly written zones are finished (see class comment). */
    ZoneAllocator(ZonedDevice device, Superblock sb) {
        this.device = device;
        this.sb = sb;
        this.written = new long[sb.zoneCount()];
        this.usable = new boolean[sb.zoneCount()];
        this.fillStamp = new long[sb.zoneCount()];
        List<ZoneDescriptor> zones = device.zones();
        for (int z = sb.dataZoneFirst(); z < sb.zoneCount(); z++) adopt(zones.get(z));
    }

    private void adopt(ZoneDescriptor d) {
        int z = d.zoneIndex();
        switch (d.state()) {
            case EMPTY -> {
                usable[z] = true;
                free.add(z);
            }
            case FULL -> {
                usable[z] = true;
                written[z] = sb.zoneCapacity();
            }
            case READ_ONLY, OFFLINE -> written[z] = sb.zoneCapacity();
            default -> {
                usable[z] = true;
                written[z] = d.writePointer() - d.startLba();
                StreamKind k = !open.containsKey(StreamKind.USER) ? StreamKind.USER
                        : !open.containsKey(StreamKind.GC) ? StreamKind.GC : null;
                if (k != null) {
                    open.put(k, z);
                } else {
                    device.manage(z, ZoneAction.FINISH);
                    written[z] = sb.zoneCapacity();
                }
            }
        }
    }

    /** Empty data zones. */
    int freeZones() {
        return free.size();
    }

    /** Zones kept for the garbage collector. */
    int reserve() {
        return sb.reserveZones();
    }

    /** Blocks an application write can still place without garbage collection. */
    long userAvailableBlocks() {
        Integer z = open.get(StreamKind.USER);
        long inOpen = z == null ? 0 : sb.zoneCapacity() - written[z];
        return inOpen + Math.max(0, free.size() - sb.reserveZones()) * sb.zoneCapacity();
    }

    /** Whether {@code zone} is a stream's open zone. */
    boolean isOpen(int zone) {
        return open.containsValue(zone);
    }

    /** Whether {@code zone} is completely written and may be collected and reset. */
    boolean isCollectable(int zone) {
        return usable[zone] && written[zone] == sb.zoneCapacity() && !isOpen(zone);
    }

    /** Blocks written in {@code zone}. */
    long written(int zone) {
        return written[zone];
    }

    /** A counter value taken when {@code zone} became full (larger = younger). */
    long fillStamp(int zone) {
        return fillStamp[zone];
    }

    /** The current stamp (the age of a zone is {@code now() - fillStamp(zone)}). */
    long now() {
        return stamp;
    }

    /**
     * Appends all of {@code data} (whole blocks) to the stream's zones, taking free zones as they
     * fill.
     *
     * @throws FsException ENOSPC when a zone is needed and none may be taken (nothing was lost:
     *                     the runs written so far are returned through {@code placed})
     */
    void append(StreamKind kind, ByteBuffer data, List<Run> placed) {
        int end = data.limit();
        while (data.position() < end) {
            int z = openZone(kind);
            long room = sb.zoneCapacity() - written[z];
            int n = (int) Math.min(end - data.position(), room * Superblock.BLOCK);
            data.limit(data.position() + n);
            long lba = DeviceIo.append(device, z, data);
            data.limit(end);
            placed.add(new Run(lba, n / Superblock.BLOCK));
            written[z] += n / Superblock.BLOCK;
            if (written[z] == sb.zoneCapacity()) {
                open.remove(kind);
                fillStamp[z] = ++stamp;
            }
        }
    }

    private int openZone(StreamKind kind) {
        Integer z = open.get(kind);
        if (z != null) return z;
        if (free.isEmpty() || (kind == StreamKind.USER && free.size() <= sb.reserveZones())) {
            throw new FsException(FsErrno.ENOSPC, "no free data zone");
        }
        int next = free.poll();
        open.put(kind, next);
        return next;
    }

    /** Resets {@code zone}, whose blocks are all stale, and makes it free. */
    void reset(int zone) {
        device.manage(zone, ZoneAction.RESET);
        written[zone] = 0;
        free.add(zone);
    }

    /** Data zones that are full and collectable. */
    List<Integer> collectableZones() {
        List<Integer> out = new ArrayList<>();
        for (int z = sb.dataZoneFirst(); z < sb.zoneCount(); z++) if (isCollectable(z)) out.add(z);
        return out;
    }

    /** The device state of {@code zone}. */
    ZoneState state(int zone) {
        return device.zone(zone).state();
    }
}
