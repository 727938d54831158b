package org.opencsd.zns;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * An NVMe Zoned Namespace: sequential-write-required zones driven by the commands of the ZNS
 * command set, with QEMU's semantics (see {@code docs/zns.md}). LBAs are namespace-wide.
 *
 * <p>Every command either completes or throws a {@link ZnsException} carrying the NVMe status the
 * reference returns, having checked in the reference order; a failed command changes no state,
 * except that an implicit open which finds the open limit reached first closes the oldest
 * implicitly opened zone, even when it then fails with Too Many Active Zones.
 *
 * <p>Thread-safety: implementations are safe for use by many threads. Commands on different
 * zones run in parallel (per-zone locks); writes and appends to one zone are serialised, so
 * concurrent appenders each get a distinct, contiguous LBA range; reads take no lock and see
 * every write that completed before they started. Buffers are consumed from their position to
 * their limit, and their position advances to the limit on success.
 */
public interface ZonedDevice extends AutoCloseable {
    /** The namespace's shape and limits. */
    ZoneGeometry geometry();

    /** Whether the device was opened read-only (commands that change state then throw
     *  {@link IllegalStateException}). */
    boolean isReadOnly();

    /**
     * Zone Management Receive: descriptors of the zones matching {@code filter}, starting with
     * the zone that holds {@code startLba}, at most {@code maxDescriptors} of them.
     *
     * @param partial when true, {@link ZoneReport#nrZones()} counts the descriptors returned;
     *                otherwise every matching zone from {@code startLba} on
     * @throws ZnsException LBA Out of Range when {@code startLba} is outside the namespace
     */
    ZoneReport reportZones(long startLba, ReportFilter filter, int maxDescriptors, boolean partial);

    /** The descriptor of zone {@code zone} (0-based). */
    default ZoneDescriptor zone(int zone) {
        return reportZones(geometry().zoneStart(zone), ReportFilter.ALL, 1, true).descriptors().getFirst();
    }

    /** Every zone's descriptor, in order. */
    default List<ZoneDescriptor> zones() {
        return reportZones(0, ReportFilter.ALL, Integer.MAX_VALUE, true).descriptors();
    }

    /**
     * Zone Management Send: applies {@code action} to the zone starting at {@code startLba}, or
     * with {@code selectAll} to every zone it is legal for (stopping at the first failure, as
     * QEMU does). Use {@link #setDescriptorExtension} for action 10h.
     */
    void manage(long startLba, ZoneAction action, boolean selectAll);

    /** Applies {@code action} to zone number {@code zone}. */
    default void manage(int zone, ZoneAction action) {
        manage(geometry().zoneStart(zone), action, false);
    }

    /** Applies {@code action} with Select All. */
    default void manageAll(ZoneAction action) {
        manage(0L, action, true);
    }

    /** Set Zone Descriptor Extension (10h): Empty -> Closed, {@code data} of exactly ZDES bytes. */
    void setDescriptorExtension(long startLba, byte[] data);

    /** Write: stores all of {@code data} at {@code lba}, which must be the zone's write pointer. */
    void write(long lba, ByteBuffer data);

    /** Zone Append to the zone starting at {@code zoneStartLba}; returns the LBA assigned. */
    long append(long zoneStartLba, ByteBuffer data);

    /** Read: fills all of {@code dst} from {@code lba}; LBAs past a write pointer read as zeroes. */
    void read(long lba, ByteBuffer dst);

    /** Writes {@code data} at {@code lba}. */
    default void write(long lba, byte[] data) {
        write(lba, ByteBuffer.wrap(data));
    }

    /** Appends {@code data} to zone number {@code zone}; returns the LBA assigned. */
    default long append(int zone, byte[] data) {
        return append(geometry().zoneStart(zone), ByteBuffer.wrap(data));
    }

    /** Reads {@code blocks} LBAs from {@code lba}. */
    default byte[] read(long lba, int blocks) {
        byte[] out = new byte[Math.multiplyExact(blocks, geometry().lbaSize())];
        read(lba, ByteBuffer.wrap(out));
        return out;
    }

    /**
     * Fault injection (the operator's hook): puts zone {@code zone} into {@link ZoneState#READ_ONLY}
     * or {@link ZoneState#OFFLINE} from any state, releasing its resources, as a failing drive
     * would. Data stays readable in Read Only zones.
     */
    void injectFault(int zone, ZoneState state);

    /** Models power loss and return: open zones become Closed (Empty when nothing was written). */
    void powerCycle();

    /** The accounting so far. */
    IoStats stats();

    /** Forces data and zone states to stable storage. */
    void flush();

    /** Flushes and releases the device; further use throws {@link IllegalStateException}. */
    @Override
    void close();
}
