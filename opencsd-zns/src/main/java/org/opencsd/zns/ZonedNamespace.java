package org.opencsd.zns;

import static org.opencsd.zns.NvmeStatus.INVALID_FIELD;
import static org.opencsd.zns.NvmeStatus.LBA_OUT_OF_RANGE;
import static org.opencsd.zns.NvmeStatus.UNRECOVERED_READ_ERROR;
import static org.opencsd.zns.NvmeStatus.WRITE_FAULT;
import static org.opencsd.zns.NvmeStatus.ZONE_BOUNDARY_ERROR;
import static org.opencsd.zns.NvmeStatus.ZONE_INVALID_WRITE;
import static org.opencsd.zns.NvmeStatus.ZONE_IS_FULL;
import static org.opencsd.zns.NvmeStatus.ZONE_IS_OFFLINE;
import static org.opencsd.zns.NvmeStatus.ZONE_IS_READ_ONLY;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulated zoned namespace: the ZNS state machine of the reference over a {@link Backend}.
 *
 * <p>Thread-safety: safe for any number of threads. Each zone has its own lock; a write or
 * append into a zone that is already open and stays open takes only that zone's lock. Commands
 * that move open/active resources (implicit and explicit opens, close, finish, reset, a write
 * that fills a zone, faults, power cycle) take the resource lock held by {@link ZoneResources}
 * first and zone locks after it, never the other way round, so they cannot deadlock with the
 * fast path. Reads take no lock: they read a zone's volatile write pointer, which is raised only
 * after the data below it reached the backend.
 *
 * <p>Crash consistency: a zone's record is stored after its data, so a process killed at any
 * moment leaves every persisted write pointer at or below the data really stored.
 */
final class ZonedNamespace implements ZonedDevice {
    /** High-water marks advance in steps of this many bytes, bounding their extra stores. */
    private static final long HIGH_WATER_STEP_BYTES = 1 << 20;
    private static final byte[] ZEROES = new byte[64 << 10];

    private final ZoneGeometry g;
    private final Backend backend;
    private final Zone[] zones;
    private final ZoneResources resources;
    private final IoCounters counters = new IoCounters();
    private final boolean readOnly;
    private final long highWaterStep;
    /** log2 of the zone size when it is a power of two (a shift instead of a division), else -1. */
    private final int zoneShift;
    private volatile boolean closed;

    /** Loads every zone's state from {@code backend}; throws if the states are inconsistent. */
    ZonedNamespace(ZoneGeometry geometry, Backend backend, boolean readOnly) {
        this.g = geometry;
        this.backend = backend;
        this.readOnly = readOnly;
        this.highWaterStep = Math.max(1, HIGH_WATER_STEP_BYTES / geometry.lbaSize());
        this.zoneShift = Long.bitCount(geometry.zoneSize()) == 1 ? Long.numberOfTrailingZeros(geometry.zoneSize()) : -1;
        this.zones = new Zone[geometry.zoneCount()];
        for (int i = 0; i < zones.length; i++) {
            zones[i] = new Zone(i, geometry.zoneStart(i), backend.load(i));
        }
        this.resources = new ZoneResources(geometry, zones, this::persist);
    }

    /** The resource accounting (for checks on reopened images). */
    ZoneResources resources() {
        return resources;
    }

    @Override
    public ZoneGeometry geometry() {
        return g;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    // ---- Zone Management Receive -------------------------------------------------------------

    @Override
    public ZoneReport reportZones(long startLba, ReportFilter filter, int maxDescriptors, boolean partial) {
        ensureOpen();
        if (maxDescriptors < 0) throw new IllegalArgumentException("negative descriptor count");
        return counted(CommandKind.REPORT_ZONES, () -> {
            checkLba(startLba);
            List<ZoneDescriptor> out = new ArrayList<>();
            long matching = 0;
            for (int i = g.zoneOf(startLba); i < zones.length; i++) {
                ZoneDescriptor d = snapshot(zones[i]);
                if (!filter.matches(d.state())) continue;
                matching++;
                if (out.size() < maxDescriptors) out.add(d);
                else if (partial) break;
            }
            return new ZoneReport(partial ? out.size() : matching, out);
        });
    }

    private ZoneDescriptor snapshot(Zone z) {
        z.lock.lock();
        try {
            return z.descriptor(g);
        } finally {
            z.lock.unlock();
        }
    }

    // ---- Zone Management Send ----------------------------------------------------------------

    @Override
    public void manage(long startLba, ZoneAction action, boolean selectAll) {
        ensureWritable();
        counted(CommandKind.of(action), () -> {
            checkLba(startLba);
            if (action == ZoneAction.SET_ZONE_DESCRIPTOR_EXTENSION) {
                throw new ZnsException(INVALID_FIELD, "Set Zone Descriptor Extension needs its data"
                        + (selectAll ? " and cannot Select All" : ""));
            }
            if (!selectAll) checkZoneStart(startLba);
            resources.lock();
            try {
                if (selectAll) {
                    for (Zone z : zones) applyIfLegal(z, action);
                } else {
                    apply(zones[g.zoneOf(startLba)], action);
                }
            } finally {
                resources.unlock();
            }
            return null;
        });
    }

    private void applyIfLegal(Zone z, ZoneAction action) {
        z.lock.lock();
        try {
            if (action.selectAllAppliesTo(z.state)) resources.apply(z, action, this::resetData);
        } finally {
            z.lock.unlock();
        }
    }

    private void apply(Zone z, ZoneAction action) {
        z.lock.lock();
        try {
            resources.apply(z, action, this::resetData);
        } finally {
            z.lock.unlock();
        }
    }

    /** Zeroes what a reset zone may hold; the zone is already Empty and persisted. */
    private void resetData(Zone z) {
        long lbas = z.highWater;
        if (lbas > 0) {
            try {
                backend.zero(z.start * g.lbaSize(), lbas * g.lbaSize());
            } catch (UncheckedIOException e) {
                throw new ZnsException(WRITE_FAULT, "reset of zone " + z.index + " failed: " + e.getCause().getMessage());
            }
        }
        z.highWater = 0;
        persist(z);
    }

    @Override
    public void setDescriptorExtension(long startLba, byte[] data) {
        ensureWritable();
        counted(CommandKind.SET_DESCRIPTOR_EXTENSION, () -> {
            checkLba(startLba);
            checkZoneStart(startLba);
            if (g.descriptorExtensionSize() == 0) {
                throw new ZnsException(INVALID_FIELD, "the namespace has no zone descriptor extension");
            }
            if (data.length != g.descriptorExtensionSize()) {
                throw new ZnsException(INVALID_FIELD, "the descriptor extension is "
                        + g.descriptorExtensionSize() + " bytes, not " + data.length);
            }
            resources.lock();
            try {
                Zone z = zones[g.zoneOf(startLba)];
                z.lock.lock();
                try {
                    resources.setExtension(z, data.clone());
                } finally {
                    z.lock.unlock();
                }
            } finally {
                resources.unlock();
            }
            return null;
        });
    }

    // ---- Write and Zone Append ---------------------------------------------------------------

    @Override
    public void write(long lba, ByteBuffer data) {
        ensureWritable();
        int bytes = data.remaining();
        try {
            long nlb = checkTransfer(bytes);
            checkRange(lba, nlb);
            writeToZone(zones[zoneIndex(lba)], lba, nlb, data, false);
        } catch (ZnsException e) {
            counters.failed();
            throw e;
        }
        counters.written(bytes);
    }

    @Override
    public long append(long zoneStartLba, ByteBuffer data) {
        ensureWritable();
        int bytes = data.remaining();
        long lba;
        try {
            long nlb = checkTransfer(bytes);
            checkRange(zoneStartLba, nlb);
            checkZoneStart(zoneStartLba);
            long limit = g.effectiveAppendLimit();
            if (limit != 0 && bytes > limit) {
                throw new ZnsException(INVALID_FIELD, "append of " + bytes + " bytes exceeds ZASL ("
                        + limit + " bytes)");
            }
            lba = writeToZone(zones[zoneIndex(zoneStartLba)], zoneStartLba, nlb, data, true);
        } catch (ZnsException e) {
            counters.failed();
            throw e;
        }
        counters.appended(bytes);
        return lba;
    }

    /** Checks 4 to 7 and the write itself; returns the first LBA written. */
    private long writeToZone(Zone z, long lba, long nlb, ByteBuffer data, boolean append) {
        z.lock.lock();
        try {
            if (z.state.isOpen()) {
                long start = checkZoneWrite(z, lba, nlb, append);
                if (z.written + nlb < g.zoneCapacity()) { // stays open: no resource change
                    store(z, start, nlb, data);
                    z.written += nlb;
                    persist(z);
                    return start;
                }
            }
        } finally {
            z.lock.unlock();
        }
        resources.lock();
        try {
            z.lock.lock();
            try {
                long start = checkZoneWrite(z, lba, nlb, append);
                ZoneState before = z.state;
                if (!before.isOpen()) resources.checkImplicitOpen(z);
                store(z, start, nlb, data);
                z.written += nlb;
                resources.afterWrite(z, before);
                persist(z);
                return start;
            } finally {
                z.lock.unlock();
            }
        } finally {
            resources.unlock();
        }
    }

    /** Write checks 4, 5 and 6 in the reference order; returns the LBA the data goes to. */
    private long checkZoneWrite(Zone z, long lba, long nlb, boolean append) {
        switch (z.state) {
            case FULL -> throw new ZnsException(ZONE_IS_FULL, "zone " + z.index + " is Full");
            case READ_ONLY -> throw new ZnsException(ZONE_IS_READ_ONLY, "zone " + z.index + " is Read Only");
            case OFFLINE -> throw new ZnsException(ZONE_IS_OFFLINE, "zone " + z.index + " is Offline");
            default -> { }
        }
        long wp = z.start + z.written;
        if (!append && lba != wp) {
            throw new ZnsException(ZONE_INVALID_WRITE, "write at LBA " + hex(lba)
                    + " is not at the write pointer " + hex(wp) + " of zone " + z.index);
        }
        long start = append ? wp : lba;
        if (start + nlb > z.start + g.zoneCapacity()) {
            throw new ZnsException(ZONE_BOUNDARY_ERROR, nlb + " LBAs at " + hex(start)
                    + " cross the end of zone " + z.index + "'s capacity at "
                    + hex(z.start + g.zoneCapacity()));
        }
        return start;
    }

    /** Raises the high-water mark if needed, then writes the data (not yet the write pointer). */
    private void store(Zone z, long start, long nlb, ByteBuffer data) {
        long end = start - z.start + nlb;
        if (end > z.highWater) {
            z.highWater = Math.min(g.zoneSize(), ((end + highWaterStep - 1) / highWaterStep) * highWaterStep);
            persist(z);
        }
        try {
            backend.write(start * g.lbaSize(), data);
        } catch (UncheckedIOException e) {
            throw new ZnsException(WRITE_FAULT, "writing " + nlb + " LBAs at " + hex(start)
                    + " failed: " + e.getCause().getMessage());
        }
    }

    // ---- Read --------------------------------------------------------------------------------

    @Override
    public void read(long lba, ByteBuffer dst) {
        ensureOpen();
        int bytes = dst.remaining();
        try {
            long nlb = checkTransfer(bytes);
            checkRange(lba, nlb);
            int first = zoneIndex(lba);
            int last = zoneIndex(lba + nlb - 1);
            checkReadable(zones[first]);
            if (first != last) {
                if (!g.crossZoneReads()) {
                    throw new ZnsException(ZONE_BOUNDARY_ERROR, "read of " + nlb + " LBAs at " + hex(lba)
                            + " crosses the end of zone " + first + " (cross-zone reads are disabled)");
                }
                for (int i = first + 1; i <= last; i++) checkReadable(zones[i]);
            }
            long at = lba;
            for (int i = first; i <= last; i++) at = readZone(zones[i], at, lba + nlb, dst);
        } catch (ZnsException e) {
            counters.failed();
            throw e;
        }
        counters.read(bytes);
    }

    private static void checkReadable(Zone z) {
        if (z.state == ZoneState.OFFLINE) {
            throw new ZnsException(ZONE_IS_OFFLINE, "zone " + z.index + " is Offline");
        }
    }

    /** Reads [at, min(end, zone end)) of zone {@code z} into dst; returns where it stopped. */
    private long readZone(Zone z, long at, long end, ByteBuffer dst) {
        long stop = Math.min(end, z.start + g.zoneSize());
        long dataEnd = Math.max(at, Math.min(stop, z.start + z.written));
        int lba = g.lbaSize();
        if (dataEnd > at) {
            int limit = dst.limit();
            dst.limit(dst.position() + (int) ((dataEnd - at) * lba));
            try {
                backend.read(at * lba, dst);
            } catch (UncheckedIOException e) {
                throw new ZnsException(UNRECOVERED_READ_ERROR, "reading LBAs at " + hex(at)
                        + " failed: " + e.getCause().getMessage());
            } finally {
                dst.limit(limit);
            }
        }
        zeroFill(dst, (stop - dataEnd) * lba);
        return stop;
    }

    /** Puts {@code n} zero bytes into {@code dst}. */
    static void zeroFill(ByteBuffer dst, long n) {
        while (n > 0) {
            int k = (int) Math.min(n, ZEROES.length);
            dst.put(ZEROES, 0, k);
            n -= k;
        }
    }

    // ---- Faults, power, accounting -----------------------------------------------------------

    @Override
    public void injectFault(int zone, ZoneState state) {
        ensureWritable();
        if (state != ZoneState.READ_ONLY && state != ZoneState.OFFLINE) {
            throw new IllegalArgumentException("a fault puts a zone Read Only or Offline, not " + state);
        }
        counted(CommandKind.FAULT_INJECTION, () -> {
            checkLba(zone < 0 ? -1 : g.zoneStart(zone));
            resources.lock();
            try {
                Zone z = zones[zone];
                z.lock.lock();
                try {
                    resources.fault(z, state);
                } finally {
                    z.lock.unlock();
                }
            } finally {
                resources.unlock();
            }
            return null;
        });
    }

    @Override
    public void powerCycle() {
        ensureWritable();
        counted(CommandKind.POWER_CYCLE, () -> {
            resources.lock();
            try {
                for (Zone z : zones) {
                    z.lock.lock();
                    try {
                        resources.powerLoss(z);
                    } finally {
                        z.lock.unlock();
                    }
                }
            } finally {
                resources.unlock();
            }
            return null;
        });
    }

    @Override
    public IoStats stats() {
        return counters.snapshot();
    }

    @Override
    public void flush() {
        ensureOpen();
        backend.flush();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            if (!readOnly) backend.flush();
        } finally {
            backend.close();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void persist(Zone z) {
        backend.store(z.index, z.record());
    }

    private interface Command<T> {
        T run();
    }

    /** Runs {@code c}, counting a success as {@code kind} and any status as a failure (not for the data path). */
    private <T> T counted(CommandKind kind, Command<T> c) {
        try {
            T result = c.run();
            counters.command(kind);
            return result;
        } catch (ZnsException e) {
            counters.failed();
            throw e;
        }
    }

    /** Check 1: a whole, non-zero number of LBAs within MDTS; returns the LBA count. */
    private long checkTransfer(int bytes) {
        if (g.mdtsBytes() != 0 && bytes > g.mdtsBytes()) {
            throw new ZnsException(INVALID_FIELD, "transfer of " + bytes + " bytes exceeds MDTS ("
                    + g.mdtsBytes() + " bytes)");
        }
        if (bytes == 0 || bytes % g.lbaSize() != 0) {
            throw new ZnsException(INVALID_FIELD, "transfer of " + bytes
                    + " bytes is not a whole, non-zero number of " + g.lbaSize() + "-byte LBAs");
        }
        return bytes / g.lbaSize();
    }

    /** Check 2: {@code nlb} LBAs from {@code lba} lie inside the namespace. */
    private void checkRange(long lba, long nlb) {
        if (lba < 0 || lba >= g.totalLbas() || nlb > g.totalLbas() - lba) {
            throw new ZnsException(LBA_OUT_OF_RANGE, nlb + " LBAs at " + hex(lba)
                    + " are outside the namespace of " + hex(g.totalLbas()) + " LBAs");
        }
    }

    private void checkLba(long lba) {
        if (lba < 0 || lba >= g.totalLbas()) {
            throw new ZnsException(LBA_OUT_OF_RANGE, "LBA " + (lba < 0 ? String.valueOf(lba) : hex(lba))
                    + " is outside the namespace of " + hex(g.totalLbas()) + " LBAs ("
                    + g.zoneCount() + " zones)");
        }
    }

    /** The zone holding {@code lba} (inside the namespace). */
    private int zoneIndex(long lba) {
        return zoneShift >= 0 ? (int) (lba >>> zoneShift) : (int) (lba / g.zoneSize());
    }

    private void checkZoneStart(long lba) {
        if (lba % g.zoneSize() != 0) {
            throw new ZnsException(INVALID_FIELD, "LBA " + hex(lba) + " is not the start of a zone");
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("the device is closed");
    }

    private void ensureWritable() {
        ensureOpen();
        if (readOnly) throw new IllegalStateException("the device was opened read-only");
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
