package org.opencsd.zns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Consumer;

/** Test helpers: small geometries, bringing a zone into a state, asserting statuses. */
final class Zones {
    private Zones() {}

    /** 8 zones of 16 LBAs, capacity 12, 4 KiB LBAs, no limits. */
    static ZoneGeometry small() {
        return ZoneGeometry.of(8, 4096, 16, 12);
    }

    static byte[] blocks(ZoneGeometry g, int n, int seed) {
        byte[] b = new byte[n * g.lbaSize()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (seed * 31 + i * 7 + (i >>> 9));
        return b;
    }

    /** Brings zone {@code z} (Empty) of {@code d} into {@code s}. */
    static void bringTo(ZonedDevice d, int z, ZoneState s) {
        ZoneGeometry g = d.geometry();
        switch (s) {
            case EMPTY -> { }
            case IMPLICITLY_OPENED -> d.append(z, blocks(g, 1, z));
            case EXPLICITLY_OPENED -> d.manage(z, ZoneAction.OPEN);
            case CLOSED -> {
                d.append(z, blocks(g, 1, z));
                d.manage(z, ZoneAction.CLOSE);
            }
            case FULL -> d.manage(z, ZoneAction.FINISH);
            case READ_ONLY, OFFLINE -> d.injectFault(z, s);
        }
        assertEquals(s, d.zone(z).state());
    }

    /** Asserts that {@code r} fails with {@code status}. */
    static ZnsException fails(NvmeStatus status, Runnable r) {
        ZnsException e = assertThrows(ZnsException.class, r::run);
        assertEquals(status, e.status(), e.getMessage());
        return e;
    }

    /** Asserts that {@code action} fails with {@code status} and leaves every zone as it was. */
    static void failsUnchanged(ZonedDevice d, NvmeStatus status, Consumer<ZonedDevice> action) {
        var before = d.zones();
        fails(status, () -> action.accept(d));
        assertEquals(before, d.zones(), "a failed command changed zone state");
    }
}
