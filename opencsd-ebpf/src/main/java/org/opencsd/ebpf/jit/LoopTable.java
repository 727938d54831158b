package org.opencsd.ebpf.jit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;
import org.opencsd.ebpf.Region;

/**
 * A table of a versioned loop: the {@code count} elements of {@code size} (4 or 8) bytes at
 * offsets {@code start, start + size, ...} of region {@code region}, which the loop's fast
 * version copies into a {@code long[]} or {@code int[]} of {@link #length()} elements at its
 * entry and indexes there instead (copying it back after the loop, or when a fault leaves it,
 * if it stores). {@link #of} finds the tables of a loop: only when every access of the body is
 * affine ({@link LoopPlan#accesses()}), a frame access, or proven by {@link RegionProof} with an
 * offset range {@code [lo, hi]} whose values are all {@code lo} plus multiples of the access
 * size, so that each proven access reads or writes exactly one element, at index
 * {@code (offset - start) / size}. No other access can then reach the region's array during the
 * loop, except affine and frame accesses, whose arrays the entry checks compare with the
 * table's. Immutable.
 *
 * @param region the region id (never the stack)
 * @param size bytes per element, 4 or 8
 * @param start the region offset of element 0
 * @param count elements copied
 * @param stores whether the body stores to it (then it is copied back)
 * @param pcs the accesses indexing it
 */
record LoopTable(int region, int size, int start, int count, boolean stores, Set<Integer> pcs) {
    /** Largest table, in bytes (the copy is paid at every entry of the loop's fast version). */
    static final int MAX_BYTES = 16 << 10;

    /** Elements allocated: {@link #count} rounded up to a power of two, so that an index can be masked. */
    int length() {
        return Integer.highestOneBit(count) == count ? count : Integer.highestOneBit(count) << 1;
    }

    /** log2 of {@link #size}. */
    int shift() {
        return size == 8 ? 3 : 2;
    }

    /** The tables of {@code plan}'s body, or an empty list when its accesses do not all qualify. */
    static List<LoopTable> of(DecodedProgram dp, LoopPlan plan) {
        Set<Integer> affine = new TreeSet<>();
        for (LoopPlan.Access a : plan.accesses()) affine.add(a.pc());
        Map<Integer, long[]> extents = new LinkedHashMap<>(); // region -> size, start, end, stores
        Map<Integer, Set<Integer>> pcs = new LinkedHashMap<>();
        RangeTracker t = new RangeTracker();
        t.reset();
        for (int pc = plan.head().start(); pc < plan.head().last(); pc++) {
            if (dp.lddwTail()[pc]) continue;
            int base = RegionProof.base(dp, pc);
            if (base >= 0 && !affine.contains(pc)) {
                int op = dp.microOp(pc);
                int off = dp.code()[pc] >> 16;
                int size = MemoryEmitter.size(op);
                if (!MemoryEmitter.inFrame(base, off, size)) {
                    if (!RegionProof.proves(t, base, off) || !fits(t, base, off, size, op, extents)) return List.of();
                    pcs.computeIfAbsent(t.region(base), r -> new TreeSet<>()).add(pc);
                }
            }
            t.step(dp, pc);
        }
        List<LoopTable> tables = new ArrayList<>();
        for (Map.Entry<Integer, long[]> e : extents.entrySet()) {
            long[] x = e.getValue();
            int size = (int) x[0];
            long count = (x[2] - x[1]) / size + 1;
            if (count * size > MAX_BYTES) return List.of();
            tables.add(new LoopTable(e.getKey(), size, (int) x[1], (int) count, x[3] != 0, Set.copyOf(pcs.get(e.getKey()))));
        }
        return List.copyOf(tables);
    }

    /** Adds a proven access to its region's extent; false when it cannot be a table element. */
    private static boolean fits(RangeTracker t, int base, int off, int size, int op, Map<Integer, long[]> extents) {
        int region = t.region(base);
        if (region == Region.STACK.id() || (size != 4 && size != 8) || t.align(base) < size) return false;
        long lo = t.lo(base) + off;
        long hi = t.hi(base) + off;
        long[] x = extents.get(region);
        boolean store = op >= MicroOp.STB && op <= MicroOp.STXDW;
        if (x == null) {
            extents.put(region, new long[] {size, lo, hi, store ? 1 : 0});
            return true;
        }
        if (x[0] != size || Math.floorMod(lo - x[1], size) != 0) return false;
        x[1] = Math.min(x[1], lo);
        x[2] = Math.max(x[2], hi);
        if (store) x[3] = 1;
        return true;
    }
}
