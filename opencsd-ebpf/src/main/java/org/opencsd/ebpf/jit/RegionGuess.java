package org.opencsd.ebpf.jit;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;
import org.opencsd.ebpf.Opcodes;
import org.opencsd.ebpf.Region;

/**
 * Predicts, at compile time, which region an access's base register points into, so that the
 * emitted code can test for that one region and index its array directly. A prediction is
 * only a hint: the generated code checks it (region id of the address, and the array's own
 * bounds) and takes the exact, interpreter-identical path whenever it is wrong. The analysis
 * follows the register's definitions backwards within the block: an {@code lddw} or {@code mov}
 * of a constant address names its region, a register copy or pointer arithmetic continues with
 * the pointer operand, r10 is the stack; anything else predicts the input region, which storage
 * kernels scan. At the block's start the search goes on through the {@value #LOOK_BEFORE}
 * preceding slots in pc order, which finds the set-up of a loop's pointer just before the loop. Stateless.
 */
final class RegionGuess {
    /** How far the search continues, in pc order, before the block's start (a hint needs no proof). */
    private static final int LOOK_BEFORE = 32;

    private RegionGuess() {}

    /** The predicted region id of register {@code reg} just before the instruction at {@code pc} of {@code b}. */
    static int of(DecodedProgram dp, Block b, int pc, int reg) {
        return of(dp, b, pc, reg, 8);
    }

    private static int of(DecodedProgram dp, Block b, int pc, int reg, int depth) {
        int r = reg;
        for (int p = pc - 1; p >= Math.max(0, b.start() - LOOK_BEFORE); p--) {
            if (r == Opcodes.FP) return Region.STACK.id();
            if (dp.lddwTail()[p]) continue;
            int w = dp.code()[p];
            if (((w >>> 8) & 0xf) != r || !writesDst(w & 0xff)) continue;
            switch (w & 0xff) {
                case MicroOp.CONST, MicroOp.CONST_WIDE -> {
                    return regionOf(dp.imm()[p]);
                }
                case MicroOp.MOV64_X -> r = (w >>> 12) & 0xf;
                case MicroOp.ADD64_K, MicroOp.SUB64_K -> { }
                case MicroOp.ADD64_X -> {
                    if (depth == 0) return Region.INPUT.id();
                    int left = of(dp, b, p, r, depth - 1);
                    return left != Region.INPUT.id() ? left : of(dp, b, p, (w >>> 12) & 0xf, depth - 1);
                }
                default -> {
                    return Region.INPUT.id();
                }
            }
        }
        return r == Opcodes.FP ? Region.STACK.id() : Region.INPUT.id();
    }

    private static int regionOf(long value) {
        long id = value >>> 32;
        return id >= 1 && id <= Region.MAX_ID ? (int) id : Region.INPUT.id();
    }

    /** Whether micro-op {@code op} writes its dst register. */
    private static boolean writesDst(int op) {
        if (op >= MicroOp.ADD64_K && op <= MicroOp.CONST_WIDE) return true;
        if (op >= MicroOp.LDXB && op <= MicroOp.LDXSW) return true;
        return false;
    }
}
