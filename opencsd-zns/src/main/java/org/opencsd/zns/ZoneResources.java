package org.opencsd.zns;

import static org.opencsd.zns.NvmeStatus.INVALID_ZONE_STATE_TRANSITION;
import static org.opencsd.zns.NvmeStatus.TOO_MANY_ACTIVE_ZONES;
import static org.opencsd.zns.NvmeStatus.TOO_MANY_OPEN_ZONES;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Open and active resource accounting (MOR/MAR) and every zone transition that moves resources,
 * following QEMU's {@code nvme_zrm_*} functions: the implicit-open auto-close of the oldest
 * implicitly opened zone when the open count is at MOR (done before the resource check), Open,
 * Close, Finish, Reset, Offline, Set Zone Descriptor Extension, faults and power loss.
 *
 * <p>Thread-safety: guarded by one small lock ({@link #lock()}); every method other than
 * lock/unlock must be called holding it and holding the lock of the zone it is given. Writes
 * into zones that are open and stay open never come here.
 */
final class ZoneResources {
    private final ReentrantLock lock = new ReentrantLock();
    private final ZoneGeometry g;
    private final Zone[] zones;
    private final Consumer<Zone> persist;
    private int open;
    private int active;
    private long nextAge = 1;

    /** Counts the resources {@code zones} hold; throws if they exceed the limits. */
    ZoneResources(ZoneGeometry g, Zone[] zones, Consumer<Zone> persist) {
        this.g = g;
        this.zones = zones;
        this.persist = persist;
        for (Zone z : zones) {
            if (z.state.isOpen()) open++;
            if (z.state.isActive()) active++;
            nextAge = Math.max(nextAge, z.openAge + 1);
        }
        if (g.maxOpen() != 0 && open > g.maxOpen()) {
            throw new IllegalStateException(open + " open zones exceed the open limit " + g.maxOpen());
        }
        if (g.maxActive() != 0 && active > g.maxActive()) {
            throw new IllegalStateException(active + " active zones exceed the active limit " + g.maxActive());
        }
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Zones currently open (implicitly or explicitly). */
    int openCount() {
        return open;
    }

    /** Zones currently active (open or Closed). */
    int activeCount() {
        return active;
    }

    /** Applies a Zone Send action to one zone; {@code resetData} zeroes a zone just reset. */
    void apply(Zone z, ZoneAction action, Consumer<Zone> resetData) {
        switch (action) {
            case OPEN -> open(z);
            case CLOSE -> close(z, action);
            case FINISH -> finish(z, action);
            case RESET -> reset(z, action, resetData);
            case OFFLINE -> offline(z, action);
            case SET_ZONE_DESCRIPTOR_EXTENSION -> throw new IllegalArgumentException("needs data");
        }
    }

    private void open(Zone z) {
        switch (z.state) {
            case EMPTY, CLOSED -> {
                int act = z.state == ZoneState.EMPTY ? 1 : 0;
                autoClose();
                check(act, 1);
                active += act;
                open++;
            }
            case IMPLICITLY_OPENED -> { }
            case EXPLICITLY_OPENED -> {
                return;
            }
            default -> throw invalid(z, ZoneAction.OPEN);
        }
        z.state = ZoneState.EXPLICITLY_OPENED;
        z.openAge = 0;
        persist.accept(z);
    }

    private void close(Zone z, ZoneAction action) {
        switch (z.state) {
            case IMPLICITLY_OPENED, EXPLICITLY_OPENED -> closeOpen(z);
            case CLOSED -> { }
            default -> throw invalid(z, action);
        }
    }

    /** Open -> Closed, or Empty when nothing was written; persists. */
    private void closeOpen(Zone z) {
        open--;
        if (z.written == 0) {
            active--;
            z.state = ZoneState.EMPTY;
        } else {
            z.state = ZoneState.CLOSED;
        }
        z.openAge = 0;
        persist.accept(z);
    }

    private void finish(Zone z, ZoneAction action) {
        switch (z.state) {
            case EMPTY, IMPLICITLY_OPENED, EXPLICITLY_OPENED, CLOSED -> {
                release(z);
                z.state = ZoneState.FULL;
                z.openAge = 0;
                persist.accept(z);
            }
            case FULL -> { }
            default -> throw invalid(z, action);
        }
    }

    private void reset(Zone z, ZoneAction action, Consumer<Zone> resetData) {
        switch (z.state) {
            case IMPLICITLY_OPENED, EXPLICITLY_OPENED, CLOSED, FULL -> {
                release(z);
                long highWater = Math.max(z.highWater, z.written);
                z.apply(ZoneRecord.empty());
                z.highWater = highWater; // kept until the data is zeroed
                persist.accept(z);
                resetData.accept(z);
            }
            case EMPTY -> { }
            default -> throw invalid(z, action);
        }
    }

    private void offline(Zone z, ZoneAction action) {
        switch (z.state) {
            case READ_ONLY -> {
                z.state = ZoneState.OFFLINE;
                persist.accept(z);
            }
            case OFFLINE -> { }
            default -> throw invalid(z, action);
        }
    }

    /** Set Zone Descriptor Extension: Empty -> Closed with the extension, taking an active resource. */
    void setExtension(Zone z, byte[] data) {
        if (z.state != ZoneState.EMPTY) throw invalid(z, ZoneAction.SET_ZONE_DESCRIPTOR_EXTENSION);
        check(1, 0);
        active++;
        z.extension = data;
        z.attributes |= ZoneDescriptor.ATTR_EXTENSION_VALID;
        z.state = ZoneState.CLOSED;
        persist.accept(z);
    }

    /**
     * Check 7 for a write into an Empty or Closed zone: auto-closes the oldest implicitly opened
     * zone when the open count is at MOR (this stays done even if the check then fails), then
     * checks MAR and MOR.
     */
    void checkImplicitOpen(Zone z) {
        autoClose();
        check(z.state == ZoneState.EMPTY ? 1 : 0, 1);
    }

    /**
     * Accounts a successful write into {@code z}, which was in state {@code before}: an implicit
     * open if it was not open, and the release of its resources if it became full. The caller
     * persists {@code z}.
     */
    void afterWrite(Zone z, ZoneState before) {
        if (!before.isOpen()) {
            if (before == ZoneState.EMPTY) active++;
            open++;
            z.state = ZoneState.IMPLICITLY_OPENED;
            z.openAge = nextAge++;
        }
        if (z.written == g.zoneCapacity()) {
            release(z);
            z.state = ZoneState.FULL;
            z.openAge = 0;
        }
    }

    /** Puts {@code z} Read Only or Offline, releasing what it held. */
    void fault(Zone z, ZoneState target) {
        release(z);
        z.state = target;
        z.openAge = 0;
        persist.accept(z);
    }

    /** Power loss: an open zone becomes Closed (Empty when nothing was written). */
    void powerLoss(Zone z) {
        if (z.state.isOpen()) closeOpen(z);
    }

    private void autoClose() {
        if (g.maxOpen() == 0 || open < g.maxOpen()) return;
        Zone oldest = null;
        for (Zone z : zones) {
            if (z.state == ZoneState.IMPLICITLY_OPENED && (oldest == null || z.openAge < oldest.openAge)) {
                oldest = z;
            }
        }
        if (oldest == null) return;
        oldest.lock.lock();
        try {
            closeOpen(oldest);
        } finally {
            oldest.lock.unlock();
        }
    }

    private void check(int act, int opn) {
        if (g.maxActive() != 0 && active + act > g.maxActive()) {
            throw new ZnsException(TOO_MANY_ACTIVE_ZONES, active + " zones are active, the limit is " + g.maxActive());
        }
        if (g.maxOpen() != 0 && open + opn > g.maxOpen()) {
            throw new ZnsException(TOO_MANY_OPEN_ZONES, open + " zones are open, the limit is " + g.maxOpen());
        }
    }

    private void release(Zone z) {
        if (z.state.isOpen()) open--;
        if (z.state.isActive()) active--;
    }

    private static ZnsException invalid(Zone z, ZoneAction action) {
        return new ZnsException(INVALID_ZONE_STATE_TRANSITION, "cannot " + name(action) + " zone "
                + z.index + " in state " + z.state.nvmeCliName());
    }

    private static String name(ZoneAction action) {
        return switch (action) {
            case SET_ZONE_DESCRIPTOR_EXTENSION -> "set the descriptor extension of";
            default -> action.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
