package org.opencsd.ebpf.jit;

/**
 * The run-time checks of a versioned loop ({@link LoopPlan}), made once at the loop's entry:
 * how many iterations the loop will run, how many of them the budget pays for, and whether an
 * access stays inside one region's array for all of them. Stateless; thread-safe.
 */
final class LoopTrip {
    /** Continue while counter &lt; bound. */
    static final int LT = 0;
    /** Continue while counter &le; bound. */
    static final int LE = 1;
    /** Continue while counter &ne; bound. */
    static final int NE = 2;
    /** Most iterations run without returning to the entry checks. */
    static final int MAX_CHUNK = 1 << 30;
    private static final long RANGE = 1L << 62;

    private LoopTrip() {}

    /**
     * The number of iterations (at least 1: the body runs before the test) of a loop whose
     * counter is {@code v0} at the first test and grows by {@code step} (1 to 2²⁰) per iteration,
     * continuing while {@code counter cond bound}; -1 when it is not known to be exact. Both
     * values must lie in [0, 2⁶²): then no counter value up to the last test wraps and signed and
     * unsigned compares agree, so the count holds for every 64-bit condition mapped onto it.
     */
    static long count(long v0, long bound, long step, int cond) {
        if (v0 < 0 || v0 >= RANGE || bound < 0 || bound >= RANGE) return -1;
        return switch (cond) {
            case LT -> v0 < bound ? 1 + (bound - v0 + step - 1) / step : 1;
            case LE -> v0 <= bound ? 2 + (bound - v0) / step : 1;
            case NE -> v0 == bound ? 1 : bound > v0 && (bound - v0) % step == 0 ? 1 + (bound - v0) / step : -1;
            default -> -1;
        };
    }

    /**
     * How many of {@code trips} iterations costing {@code cost} instructions each the local
     * {@code budget} pays for, at most {@link #MAX_CHUNK}.
     */
    static int chunk(long trips, long budget, long cost) {
        return (int) Math.min(Math.min(trips, budget / cost), MAX_CHUNK);
    }

    /**
     * The array of the region that all {@code trips} accesses of {@code size} bytes at
     * {@code first + stride × k} (k = 0 .. trips - 1) lie in, or null when that is not the case
     * (another region, an unmapped or, in a store table, read-only region, or out of bounds).
     * When it returns an array, each of those accesses is exactly what
     * {@link org.opencsd.ebpf.VmMemory#readable} (or {@code writable}) would allow, at array index
     * {@code (int) first + stride × k}.
     */
    static byte[] region(byte[][] table, long first, long stride, int trips, int size) {
        long id = first >>> 32;
        if (trips <= 0 || id >= table.length) return null;
        byte[] b = table[(int) id];
        if (b == null) return null;
        long off = first & 0xffffffffL;
        long last = off + stride * (trips - 1);
        if (Math.min(off, last) < 0 || Math.max(off, last) > b.length - size) return null;
        return b;
    }
}
