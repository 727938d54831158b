package org.opencsd.ebpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** {@link LoopTrip}'s counts against a simulated loop, and its region check at the edges. */
class LoopTripTest {
    /** Runs the loop: the body, then the counter test; counts bodies (at most {@code cap}). */
    private static long simulate(long v0, long bound, long step, int cond, long cap) {
        long v = v0;
        for (long n = 1; n <= cap; n++) {
            boolean more = switch (cond) {
                case LoopTrip.LT -> Long.compareUnsigned(v, bound) < 0;
                case LoopTrip.LE -> Long.compareUnsigned(v, bound) <= 0;
                default -> v != bound;
            };
            if (!more) return n;
            v += step;
        }
        return -1;
    }

    @Test
    void countsMatchASimulatedLoopWheneverTheyAreGiven() {
        int given = 0;
        for (int cond : new int[] {LoopTrip.LT, LoopTrip.LE, LoopTrip.NE}) {
            for (long v0 = -3; v0 <= 20; v0++) {
                for (long bound = -3; bound <= 20; bound++) {
                    for (long step = 1; step <= 3; step++) {
                        long n = LoopTrip.count(v0, bound, step, cond);
                        if (n < 0) continue;
                        given++;
                        assertEquals(simulate(v0, bound, step, cond, 1000), n, v0 + " " + bound + " " + step + " " + cond);
                    }
                }
            }
        }
        assertEquals(true, given > 2500, given + " counts given");
    }

    @Test
    void countsAreRefusedOutsideTheSafeRange() {
        assertEquals(-1, LoopTrip.count(-1, 5, 1, LoopTrip.LT));
        assertEquals(-1, LoopTrip.count(0, 1L << 62, 1, LoopTrip.LE));
        assertEquals(-1, LoopTrip.count(0, 5, 2, LoopTrip.NE));
        assertEquals((1L << 62) - 1, LoopTrip.count(0, (1L << 62) - 2, 1, LoopTrip.LE) - 1);
    }

    @Test
    void regionCoversEveryIterationOrNothing() {
        byte[] a = new byte[64];
        byte[][] table = {null, null, a};
        long base = 2L << 32;
        assertSame(a, LoopTrip.region(table, base, 8, 8, 8));
        assertNull(LoopTrip.region(table, base, 8, 9, 8));
        assertNull(LoopTrip.region(table, base + 1, 8, 8, 8));
        assertSame(a, LoopTrip.region(table, base + 56, -8, 8, 8));
        assertNull(LoopTrip.region(table, base + 56, -8, 9, 8));
        assertNull(LoopTrip.region(table, base - 1, 1, 1, 1));
        assertNull(LoopTrip.region(table, 1L << 32, 1, 1, 1));
        assertNull(LoopTrip.region(table, 3L << 32, 1, 1, 1));
        assertNull(LoopTrip.region(table, base + 0x80000000L, 1, 1, 1));
        assertNull(LoopTrip.region(table, base, 1, 0, 1));
    }
}
