package org.opencsd.ebpf.jit;

import java.util.HashMap;
import java.util.Map;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;

/**
 * Proves, at compile time, the region of accesses whose base register is a constant region
 * address plus a bounded offset, such as {@code table[(x & 255) << 2]} with {@code table} an
 * {@code lddw} of a data or rodata address. A forward pass over one block tracks, per register,
 * either nothing, a small unsigned range {@code [lo, hi]} (both below 2³¹), or a pointer
 * {@code region base + [lo, hi]} (offsets below 2³¹). An access whose base is such a pointer
 * and whose whole extent stays at offsets {@code [0, 2³¹)} of that region needs no region test:
 * its address's low 32 bits are its offset in the region, and the region array's own bounds
 * check (with the exact path behind it) still decides the rest, as for frame accesses.
 *
 * <p>The pass itself is {@link RangeTracker}, sound by construction: the block start knows
 * nothing; a load or ALU operation not modelled forgets its dst, a jump or no-op nothing, and
 * any other instruction (calls, atomics) every register. Stateless.
 */
final class RegionProof {
    private RegionProof() {}

    /** The proven region of each load or store in {@code b} that has one, by pc. */
    static Map<Integer, Integer> of(DecodedProgram dp, Block b) {
        Map<Integer, Integer> proven = new HashMap<>();
        RangeTracker t = new RangeTracker();
        t.reset();
        for (int pc = b.start(); pc < b.end() && pc < dp.length(); pc++) {
            if (dp.lddwTail()[pc]) continue;
            int base = base(dp, pc);
            if (base >= 0 && proves(t, base, dp.code()[pc] >> 16)) proven.put(pc, t.region(base));
            t.step(dp, pc);
        }
        return proven;
    }

    /** Whether an access at r{base} + {@code off} in state {@code t} is proven (up to 8 bytes). */
    static boolean proves(RangeTracker t, int base, int off) {
        return t.kind(base) == RangeTracker.PTR && t.lo(base) + off >= 0 && t.hi(base) + off + 8 <= RangeTracker.LIMIT;
    }

    /** The base register of the load or store at {@code pc}, or -1 for other instructions. */
    static int base(DecodedProgram dp, int pc) {
        int w = dp.code()[pc];
        int op = w & 0xff;
        if (op >= MicroOp.LDXB && op <= MicroOp.LDXSW) return (w >>> 12) & 0xf;
        if (op >= MicroOp.STB && op <= MicroOp.STXDW) return (w >>> 8) & 0xf;
        return -1;
    }
}
