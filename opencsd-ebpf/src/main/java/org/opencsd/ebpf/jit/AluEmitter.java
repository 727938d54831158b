package org.opencsd.ebpf.jit;

import static org.opencsd.ebpf.jit.Frame.reg;

import java.lang.classfile.CodeBuilder;

import org.opencsd.ebpf.MicroOp;

/**
 * Bytecode for the ALU micro-ops: each reads its registers from JVM locals, computes exactly what
 * the interpreter computes (the same Java expressions, or the shared {@link org.opencsd.ebpf.Alu}), and
 * stores the result back. Immediate operands are folded: division by a constant zero, shifts by
 * constants and {@code mov} of constants need no runtime test. Stateless.
 */
final class AluEmitter {
    private static final long MASK32 = 0xffffffffL;

    private AluEmitter() {}

    /** Emits micro-op {@code op}; returns false when {@code op} is not an ALU micro-op. */
    static boolean emit(CodeBuilder cob, int op, int d, int s, long k) {
        if (op >= MicroOp.ADD64_K && op <= MicroOp.ARSH64_K) {
            return alu64K(cob, op, d, k);
        }
        if (op >= MicroOp.ADD64_X && op <= MicroOp.MOVSX16_64 || op == MicroOp.MOVSX32_64) {
            return alu64X(cob, op, d, s);
        }
        if (op >= MicroOp.ADD32_K && op <= MicroOp.ARSH32_K) {
            return alu32(cob, op, d, () -> cob.loadConstant(k), k);
        }
        if (op >= MicroOp.ADD32_X && op <= MicroOp.MOVSX16_32) {
            return alu32X(cob, op, d, s);
        }
        return misc(cob, op, d, k);
    }

    private static boolean alu64K(CodeBuilder cob, int op, int d, long k) {
        switch (op) {
            case MicroOp.DIV64_K, MicroOp.SDIV64_K -> {
                if (k == 0) {
                    cob.lconst_0();
                } else {
                    cob.lload(reg(d)).loadConstant(k);
                    if (op == MicroOp.DIV64_K) cob.invokestatic(Descs.LONGS, "divideUnsigned", Descs.LL_L);
                    else cob.ldiv();
                }
            }
            case MicroOp.MOD64_K, MicroOp.SMOD64_K -> {
                if (k == 0) return true;
                cob.lload(reg(d)).loadConstant(k);
                if (op == MicroOp.MOD64_K) cob.invokestatic(Descs.LONGS, "remainderUnsigned", Descs.LL_L);
                else cob.lrem();
            }
            case MicroOp.LSH64_K, MicroOp.RSH64_K, MicroOp.ARSH64_K -> {
                cob.lload(reg(d)).loadConstant((int) k);
                if (op == MicroOp.LSH64_K) cob.lshl();
                else if (op == MicroOp.RSH64_K) cob.lushr();
                else cob.lshr();
            }
            default -> {
                cob.lload(reg(d)).loadConstant(k);
                binary64(cob, op - MicroOp.ADD64_K + MicroOp.ADD64_X);
            }
        }
        cob.lstore(reg(d));
        return true;
    }

    /** Applies the 64-bit operator of the register form {@code xop} to the two longs on the stack. */
    private static void binary64(CodeBuilder cob, int xop) {
        switch (xop) {
            case MicroOp.ADD64_X -> cob.ladd();
            case MicroOp.SUB64_X -> cob.lsub();
            case MicroOp.MUL64_X -> cob.lmul();
            case MicroOp.OR64_X -> cob.lor();
            case MicroOp.AND64_X -> cob.land();
            case MicroOp.XOR64_X -> cob.lxor();
            default -> throw new IllegalArgumentException("not a plain 64-bit operator: " + xop);
        }
    }

    private static boolean alu64X(CodeBuilder cob, int op, int d, int s) {
        switch (op) {
            case MicroOp.MOV64_X -> cob.lload(reg(s));
            case MicroOp.NEG64 -> cob.lload(reg(d)).lneg();
            case MicroOp.MOVSX8_64 -> cob.lload(reg(s)).l2i().i2b().i2l();
            case MicroOp.MOVSX16_64 -> cob.lload(reg(s)).l2i().i2s().i2l();
            case MicroOp.MOVSX32_64 -> cob.lload(reg(s)).l2i().i2l();
            case MicroOp.LSH64_X -> cob.lload(reg(d)).lload(reg(s)).l2i().lshl();
            case MicroOp.RSH64_X -> cob.lload(reg(d)).lload(reg(s)).l2i().lushr();
            case MicroOp.ARSH64_X -> cob.lload(reg(d)).lload(reg(s)).l2i().lshr();
            case MicroOp.DIV64_X -> runtime2(cob, d, s, "udiv64");
            case MicroOp.SDIV64_X -> runtime2(cob, d, s, "sdiv64");
            case MicroOp.MOD64_X -> runtime2(cob, d, s, "umod64");
            case MicroOp.SMOD64_X -> runtime2(cob, d, s, "smod64");
            default -> {
                cob.lload(reg(d)).lload(reg(s));
                binary64(cob, op);
            }
        }
        cob.lstore(reg(d));
        return true;
    }

    private static void runtime2(CodeBuilder cob, int d, int s, String name) {
        cob.lload(reg(d)).lload(reg(s)).invokestatic(Descs.RUNTIME, name, Descs.LL_L);
    }

    private static boolean alu32X(CodeBuilder cob, int op, int d, int s) {
        switch (op) {
            case MicroOp.MOV32_X -> zext(cob.lload(reg(s)));
            case MicroOp.NEG32 -> zextInt(cob.lload(reg(d)).l2i().ineg());
            case MicroOp.MOVSX8_32 -> zextInt(cob.lload(reg(s)).l2i().i2b());
            case MicroOp.MOVSX16_32 -> zextInt(cob.lload(reg(s)).l2i().i2s());
            default -> {
                return alu32(cob, op - MicroOp.ADD32_X + MicroOp.ADD32_K, d, () -> cob.lload(reg(s)), null);
            }
        }
        cob.lstore(reg(d));
        return true;
    }

    /**
     * A 32-bit binary operator in its immediate form {@code kop}; {@code operand} pushes the
     * second operand as a long; {@code constant} is its value when it is an immediate.
     */
    private static boolean alu32(CodeBuilder cob, int kop, int d, Runnable operand, Long constant) {
        switch (kop) {
            case MicroOp.DIV32_K, MicroOp.SDIV32_K, MicroOp.MOD32_K, MicroOp.SMOD32_K -> {
                int microOp = constant != null ? kop : kop - MicroOp.ADD32_K + MicroOp.ADD32_X;
                cob.loadConstant(microOp).lload(reg(d)).l2i();
                operand.run();
                cob.l2i().invokestatic(Descs.ALU, "div32", Descs.DIV32);
            }
            case MicroOp.LSH32_K, MicroOp.RSH32_K, MicroOp.ARSH32_K -> {
                cob.lload(reg(d)).l2i();
                operand.run();
                cob.l2i();
                if (kop == MicroOp.LSH32_K) cob.ishl();
                else if (kop == MicroOp.RSH32_K) cob.iushr();
                else cob.ishr();
                zextInt(cob);
            }
            default -> {
                cob.lload(reg(d));
                operand.run();
                binary64(cob, kop - MicroOp.ADD32_K + MicroOp.ADD64_X);
                zext(cob);
            }
        }
        cob.lstore(reg(d));
        return true;
    }

    private static boolean misc(CodeBuilder cob, int op, int d, long k) {
        switch (op) {
            case MicroOp.NOP -> {
                return true;
            }
            case MicroOp.TRUNC16 -> cob.lload(reg(d)).loadConstant(0xffffL).land();
            case MicroOp.TRUNC32 -> zext(cob.lload(reg(d)));
            case MicroOp.SWAP16 -> cob.lload(reg(d)).l2i().i2s()
                    .invokestatic(Descs.SHORTS, "reverseBytes", Descs.S_S).i2l().loadConstant(0xffffL).land();
            case MicroOp.SWAP32 -> zextInt(cob.lload(reg(d)).l2i().invokestatic(Descs.INTS, "reverseBytes", Descs.I_I));
            case MicroOp.SWAP64 -> cob.lload(reg(d)).invokestatic(Descs.LONGS, "reverseBytes", Descs.L_L);
            case MicroOp.CONST, MicroOp.CONST_WIDE -> cob.loadConstant(k);
            default -> {
                return false;
            }
        }
        cob.lstore(reg(d));
        return true;
    }

    private static CodeBuilder zext(CodeBuilder cob) {
        return cob.loadConstant(MASK32).land();
    }

    private static CodeBuilder zextInt(CodeBuilder cob) {
        return zext(cob.i2l());
    }
}
