package org.opencsd.zns;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The live state of one zone inside a {@link ZonedNamespace}.
 *
 * <p>Thread-safety: every field changes only while {@link #lock} is held (and, for changes that
 * move open/active resources, the namespace's resource lock too). {@link #state} and
 * {@link #written} are volatile so that reads and reports may look at them without the lock;
 * {@code written} is raised only after the data below it is on the backend.
 */
final class Zone {
    final int index;
    final long start;
    final ReentrantLock lock = new ReentrantLock();

    volatile ZoneState state;
    /** LBAs written from the zone start. */
    volatile long written;
    long highWater;
    long openAge;
    int attributes;
    byte[] extension;

    Zone(int index, long start, ZoneRecord r) {
        this.index = index;
        this.start = start;
        apply(r);
    }

    void apply(ZoneRecord r) {
        state = r.state();
        written = r.written();
        highWater = r.highWater();
        openAge = r.openAge();
        attributes = r.attributes();
        extension = r.extension();
    }

    ZoneRecord record() {
        return new ZoneRecord(state, written, highWater, openAge, attributes, extension);
    }

    /** The descriptor report-zones returns for this zone. */
    ZoneDescriptor descriptor(ZoneGeometry g) {
        ZoneState s = state;
        long wp = switch (s) {
            case FULL, READ_ONLY, OFFLINE -> ZoneDescriptor.NO_WRITE_POINTER;
            default -> start + written;
        };
        boolean ext = (attributes & ZoneDescriptor.ATTR_EXTENSION_VALID) != 0;
        return new ZoneDescriptor(index, s, attributes, 0, g.zoneCapacity(), start, wp,
                ext ? extension : null);
    }
}
