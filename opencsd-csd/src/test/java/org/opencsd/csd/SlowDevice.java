package org.opencsd.csd;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencsd.zns.IoStats;
import org.opencsd.zns.ReportFilter;
import org.opencsd.zns.ZoneAction;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZoneReport;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;

/** A zoned device whose reads take {@code millis} each: a slow medium for wall-time tests. */
final class SlowDevice implements ZonedDevice {
    private final ZonedDevice inner;
    private final long millis;
    private final AtomicInteger reads = new AtomicInteger();

    SlowDevice(ZonedDevice inner, long millis) {
        this.inner = inner;
        this.millis = millis;
    }

    int reads() {
        return reads.get();
    }

    @Override
    public void read(long lba, ByteBuffer dst) {
        reads.incrementAndGet();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inner.read(lba, dst);
    }

    @Override public ZoneGeometry geometry() { return inner.geometry(); }
    @Override public boolean isReadOnly() { return inner.isReadOnly(); }
    @Override public ZoneReport reportZones(long startLba, ReportFilter filter, int max, boolean partial) {
        return inner.reportZones(startLba, filter, max, partial);
    }
    @Override public void manage(long startLba, ZoneAction action, boolean selectAll) { inner.manage(startLba, action, selectAll); }
    @Override public void setDescriptorExtension(long startLba, byte[] data) { inner.setDescriptorExtension(startLba, data); }
    @Override public void write(long lba, ByteBuffer data) { inner.write(lba, data); }
    @Override public long append(long zoneStartLba, ByteBuffer data) { return inner.append(zoneStartLba, data); }
    @Override public void injectFault(int zone, ZoneState state) { inner.injectFault(zone, state); }
    @Override public void powerCycle() { inner.powerCycle(); }
    @Override public IoStats stats() { return inner.stats(); }
    @Override public void flush() { inner.flush(); }
    @Override public void close() { inner.close(); }
}
