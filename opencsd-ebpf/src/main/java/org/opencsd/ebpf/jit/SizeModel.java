package org.opencsd.ebpf.jit;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;

/**
 * Upper estimates of the JVM bytecode the emitters produce, used to cut functions into segments
 * that stay under HotSpot's 8000-byte compilation limit. The compiler checks the real sizes
 * afterwards and re-plans with a smaller limit if an estimate was too low. Stateless.
 */
final class SizeModel {
    private SizeModel() {}

    /** Fixed bytes of a segment: prologue, entry switch frame, exit and budget stubs. */
    static final int SEGMENT_OVERHEAD = 420;
    /** Bytes per external entry of a segment (switch case) and per cross-segment edge. */
    static final int PER_EDGE = 16;
    /**
     * Bytes of a versioned loop's entry checks (its body is counted three times: the ordinary
     * code, the fast loop and its peeled last iteration).
     */
    private static final int LOOP_CHECK = 400;

    /**
     * Bytes of block {@code b}: its budget check and slow path, and its instructions; three times
     * that and the entry checks for a block that may be a versioned loop ({@link LoopAnalysis}).
     */
    static int block(DecodedProgram dp, Block b) {
        int bytes = 68;
        for (int pc = b.start(); pc < b.end(); pc++) {
            if (pc >= dp.length()) bytes += instruction(MicroOp.INVALID);
            else if (!dp.lddwTail()[pc]) bytes += instruction(dp.microOp(pc));
        }
        return LoopAnalysis.mayVersion(dp, b) ? 3 * bytes + LOOP_CHECK : bytes;
    }

    private static int instruction(int op) {
        if (op == MicroOp.CALL_LOCAL || op == MicroOp.CALLX) return 200;
        if (op == MicroOp.CALL_HELPER) return 60;
        if (op == MicroOp.ATOMIC32 || op == MicroOp.ATOMIC64) return 70;
        if (op >= MicroOp.LDXB && op <= MicroOp.STXDW) return 24;
        if (JumpEmitter.isConditional(op)) return 16;
        return 14;
    }
}
