package org.opencsd.ebpf.jit;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;

/**
 * The registers a straight-line loop body (ALU, {@code lddw}, loads, stores) reads before
 * writing them ({@link #inputs}: their values at iteration start matter) and the ones it writes
 * ({@link #written}), as bit sets. A load counts as reading its base register and a store as
 * reading its base and value registers, even where the fast body indexes an array instead: an
 * over-approximation of the inputs, which only costs a register move. Immutable.
 *
 * @param inputs bit r set: the body may read register r before writing it
 * @param written bit r set: the body writes register r
 */
record BodyRegisters(int inputs, int written) {
    /** The registers of the instructions {@code [from, to)} of {@code dp}. */
    static BodyRegisters of(DecodedProgram dp, int from, int to) {
        int inputs = 0;
        int written = 0;
        for (int pc = from; pc < to; pc++) {
            if (dp.lddwTail()[pc]) continue;
            int w = dp.code()[pc];
            int op = w & 0xff;
            int d = 1 << ((w >>> 8) & 0xf);
            int s = 1 << ((w >>> 12) & 0xf);
            inputs |= reads(op, d, s) & ~written;
            if (writesDst(op)) written |= d;
        }
        return new BodyRegisters(inputs & 0x7ff, written & 0x7ff);
    }

    private static int reads(int op, int d, int s) {
        return switch (op) {
            case MicroOp.NOP, MicroOp.CONST, MicroOp.CONST_WIDE -> 0;
            case MicroOp.MOV64_X, MicroOp.MOV32_X, MicroOp.MOVSX8_64, MicroOp.MOVSX16_64, MicroOp.MOVSX32_64,
                 MicroOp.MOVSX8_32, MicroOp.MOVSX16_32 -> s;
            case MicroOp.STB, MicroOp.STH, MicroOp.STW, MicroOp.STDW -> d;
            default -> {
                if (op >= MicroOp.LDXB && op <= MicroOp.LDXSW) yield s;
                boolean immediate = op >= MicroOp.ADD64_K && op <= MicroOp.ARSH64_K
                        || op >= MicroOp.ADD32_K && op <= MicroOp.ARSH32_K
                        || op == MicroOp.NEG64 || op == MicroOp.NEG32
                        || op >= MicroOp.TRUNC16 && op <= MicroOp.SWAP64 && op != MicroOp.NOP;
                yield immediate ? d : d | s;
            }
        };
    }

    private static boolean writesDst(int op) {
        boolean alu = op >= MicroOp.ADD64_K && op <= MicroOp.CONST_WIDE && op != MicroOp.NOP;
        return alu || op >= MicroOp.LDXB && op <= MicroOp.LDXSW;
    }

    /** Whether the body may read register {@code r} before writing it. */
    boolean input(int r) {
        return (inputs & 1 << r) != 0;
    }

    /** Whether the body writes register {@code r}. */
    boolean writes(int r) {
        return (written & 1 << r) != 0;
    }
}
