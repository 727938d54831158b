package org.opencsd.ebpf.jit;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;

/**
 * Which registers a {@link Segment} must move between its locals and the register file
 * {@code st.regs}: it loads on entry the registers its code mentions ({@link #loaded}) and stores
 * at its exits, before helper calls and before the budget replay only the ones its code may write
 * ({@link #stored}). A register the segment never writes still holds its entry value in
 * {@code st.regs}, unless a local call or {@code callx} ran other code in between (whose frames
 * leave r6-r10 and more there): a segment with such a call moves all eleven registers. Keeping
 * the others out of the method's locals keeps them out of HotSpot's register allocation (they
 * would be live through every loop of the method). Immutable.
 *
 * @param loaded bit r set: register r is loaded on entry
 * @param stored bit r set: register r is stored back (always a subset of {@code loaded})
 */
record SegmentRegisters(int loaded, int stored) {
    private static final int ALL = (1 << 11) - 1;

    /** The registers of {@code segment}'s code. */
    static SegmentRegisters of(DecodedProgram dp, Segment segment) {
        int read = 0;
        int written = 0;
        for (Block b : segment.blocks()) {
            for (int pc = b.start(); pc < b.end() && pc < dp.length(); pc++) {
                if (dp.lddwTail()[pc]) continue;
                int w = dp.code()[pc];
                int op = w & 0xff;
                if (op == MicroOp.CALL_LOCAL || op == MicroOp.CALLX) return new SegmentRegisters(ALL, ALL);
                int d = 1 << ((w >>> 8) & 0xf);
                int s = 1 << ((w >>> 12) & 0xf);
                if (op == MicroOp.CALL_HELPER) {
                    read |= 0b111110;
                    written |= 1;
                } else if (op == MicroOp.ATOMIC32 || op == MicroOp.ATOMIC64) {
                    read |= d | s | 1;
                    written |= s | 1;
                } else {
                    read |= d | s | (op == MicroOp.EXIT ? 1 : 0);
                    written |= d;
                }
            }
        }
        int loaded = (read | written) & ALL;
        return new SegmentRegisters(loaded, written & ALL);
    }

    /** Whether register {@code r} is loaded on entry. */
    boolean loads(int r) {
        return (loaded & 1 << r) != 0;
    }

    /** Whether register {@code r} is stored back. */
    boolean stores(int r) {
        return (stored & 1 << r) != 0;
    }
}
