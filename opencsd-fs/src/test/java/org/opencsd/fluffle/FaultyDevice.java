package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import org.opencsd.zns.IoStats;
import org.opencsd.zns.NvmeStatus;
import org.opencsd.zns.ReportFilter;
import org.opencsd.zns.ZnsException;
import org.opencsd.zns.ZoneAction;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZoneReport;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;

/**
 * A device that stops at its {@code stopAt}-th state-changing command (write, append, zone
 * management; 1-based): that command fails with Write Fault without reaching the device, and
 * every later command fails too, as if the machine had died there. The wrapped device then holds
 * exactly the state as of the stop. {@code stopAt = 0} never stops (counts only).
 * Not thread-safe (tests use it from one thread).
 */
final class FaultyDevice implements ZonedDevice {
    private final ZonedDevice d;
    private final long stopAt;
    private long writes;
    private long flushes;
    private boolean dead;

    FaultyDevice(ZonedDevice d, long stopAt) {
        this.d = d;
        this.stopAt = stopAt;
    }

    /** State-changing commands attempted so far (including the one that stopped). */
    long writes() {
        return writes;
    }

    boolean stopped() {
        return dead;
    }

    private void mutation() {
        alive();
        writes++;
        if (writes == stopAt) {
            dead = true;
            throw new ZnsException(fault(), "injected stop at device write " + stopAt);
        }
    }

    private void alive() {
        if (dead) throw new ZnsException(fault(), "device stopped");
    }

    private static NvmeStatus fault() {
        return NvmeStatus.WRITE_FAULT;
    }

    @Override public ZoneGeometry geometry() { return d.geometry(); }
    @Override public boolean isReadOnly() { return d.isReadOnly(); }

    @Override
    public ZoneReport reportZones(long startLba, ReportFilter filter, int max, boolean partial) {
        alive();
        return d.reportZones(startLba, filter, max, partial);
    }

    @Override
    public void manage(long startLba, ZoneAction action, boolean selectAll) {
        mutation();
        d.manage(startLba, action, selectAll);
    }

    @Override
    public void setDescriptorExtension(long startLba, byte[] data) {
        mutation();
        d.setDescriptorExtension(startLba, data);
    }

    @Override
    public void write(long lba, ByteBuffer data) {
        mutation();
        d.write(lba, data);
    }

    @Override
    public long append(long zoneStartLba, ByteBuffer data) {
        mutation();
        return d.append(zoneStartLba, data);
    }

    @Override
    public void read(long lba, ByteBuffer dst) {
        alive();
        d.read(lba, dst);
    }

    @Override
    public void injectFault(int zone, ZoneState state) {
        mutation();
        d.injectFault(zone, state);
    }

    @Override public void powerCycle() { mutation(); d.powerCycle(); }
    @Override public IoStats stats() { return d.stats(); }
    @Override public void flush() { alive(); flushes++; d.flush(); }

    /** Flushes (syncs) so far. */
    long flushes() {
        return flushes;
    }
    @Override public void close() {}
}
