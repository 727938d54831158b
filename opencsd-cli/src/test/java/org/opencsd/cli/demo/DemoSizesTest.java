package org.opencsd.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opencsd.cli.UserError;

/** The demo's default sizes, shrunk to fit the disk; explicit sizes kept or refused with one line. */
class DemoSizesTest {
    private static final long MIB = 1L << 20;

    @Test
    void defaultsWhenThereIsRoom() {
        DemoSizes s = DemoSizes.fit(null, null, 100L << 30);
        assertEquals(new DemoSizes(128 * MIB, 64 * MIB), s);
        assertEquals(32, s.fsGeometry().zoneCount());
        assertEquals(16 * MIB, s.fsGeometry().zoneSizeBytes());
        assertEquals(1, s.zcsdGeometry().zoneCount());
        assertEquals(64 * MIB, s.zcsdGeometry().zoneSizeBytes());
    }

    @Test
    void defaultsShrinkToFitAShortDisk() {
        DemoSizes s = DemoSizes.fit(null, null, 200 * MIB);
        assertTrue(s.diskBytes() <= 200 * MIB, s.toString());
        assertTrue(s.dataBytes() >= DemoSizes.MIN_DATA && s.dataBytes() < 128 * MIB, s.toString());
    }

    @Test
    void explicitSizesAreKeptOrRefused() {
        assertEquals(new DemoSizes(8 * MIB, 4 * MIB), DemoSizes.fit(8 * MIB, 4 * MIB, 1L << 30));
        UserError e = assertThrows(UserError.class, () -> DemoSizes.fit(1024 * MIB, null, 512 * MIB));
        assertTrue(e.getMessage().startsWith("the demo needs "), e.getMessage());
        assertThrows(UserError.class, () -> DemoSizes.fit(null, null, 10 * MIB));
    }

    @Test
    void sizesMustBeWholeMebibytes() {
        assertThrows(UserError.class, () -> new DemoSizes(MIB + 1, MIB));
        assertThrows(UserError.class, () -> new DemoSizes(0, MIB));
        assertThrows(UserError.class, () -> new DemoSizes(MIB, 32L << 30));
    }
}
