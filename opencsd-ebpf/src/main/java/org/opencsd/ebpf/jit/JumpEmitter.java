package org.opencsd.ebpf.jit;

import static org.opencsd.ebpf.jit.Frame.reg;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;

import org.opencsd.ebpf.MicroOp;

/**
 * Bytecode for conditional jumps: compares r{dst} with the immediate or r{src} (64-bit, or the
 * low 32 bits for JMP32) exactly as the interpreter does and branches to a label when the
 * condition holds, falling through otherwise. Stateless.
 */
final class JumpEmitter {
    private static final int EQ = 0, GT = 1, GE = 2, SET = 3, NE = 4, SGT = 5, SGE = 6, LT = 7, LE = 8, SLT = 9, SLE = 10;

    private JumpEmitter() {}

    /** Whether {@code op} is a conditional jump. */
    static boolean isConditional(int op) {
        return op >= MicroOp.JEQ_K && op <= MicroOp.JSLE32_X;
    }

    /** Emits conditional jump {@code op} to {@code taken}. */
    static void emit(CodeBuilder cob, int op, int d, int s, long k, Label taken) {
        boolean wide = op < MicroOp.JEQ32_K;
        int base = wide ? MicroOp.JEQ_K : MicroOp.JEQ32_K;
        boolean x = op - base >= 11;
        int cond = (op - base) % 11;
        if (wide) {
            cob.lload(reg(d));
            if (x) cob.lload(reg(s));
            else cob.loadConstant(k);
            branch64(cob, cond, taken);
        } else {
            cob.lload(reg(d)).l2i();
            if (x) cob.lload(reg(s)).l2i();
            else cob.loadConstant((int) k);
            branch32(cob, cond, taken);
        }
    }

    private static void branch64(CodeBuilder cob, int cond, Label taken) {
        switch (cond) {
            case SET -> {
                cob.land().lconst_0().lcmp().ifne(taken);
                return;
            }
            case GT, GE, LT, LE -> cob.invokestatic(Descs.LONGS, "compareUnsigned", Descs.LL_I);
            default -> cob.lcmp();
        }
        switch (cond) {
            case EQ -> cob.ifeq(taken);
            case NE -> cob.ifne(taken);
            case GT, SGT -> cob.ifgt(taken);
            case GE, SGE -> cob.ifge(taken);
            case LT, SLT -> cob.iflt(taken);
            default -> cob.ifle(taken);
        }
    }

    private static void branch32(CodeBuilder cob, int cond, Label taken) {
        switch (cond) {
            case EQ -> cob.if_icmpeq(taken);
            case NE -> cob.if_icmpne(taken);
            case SGT -> cob.if_icmpgt(taken);
            case SGE -> cob.if_icmpge(taken);
            case SLT -> cob.if_icmplt(taken);
            case SET -> cob.iand().ifne(taken);
            case SLE -> cob.if_icmple(taken);
            default -> {
                cob.invokestatic(Descs.INTS, "compareUnsigned", Descs.II_I);
                switch (cond) {
                    case GT -> cob.ifgt(taken);
                    case GE -> cob.ifge(taken);
                    case LT -> cob.iflt(taken);
                    default -> cob.ifle(taken);
                }
            }
        }
    }
}
