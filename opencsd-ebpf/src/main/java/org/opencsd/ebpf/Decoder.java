package org.opencsd.ebpf;

import static org.opencsd.ebpf.Opcodes.*;

/**
 * Translates a {@link Program} into a {@link DecodedProgram}: validates every slot (opcodes,
 * registers, variant fields, jump and call targets, {@code lddw} pairs) and encodes it for the
 * interpreter's dispatch loop. The validity rules here are the verifier's opcode rules, so that
 * both always agree. Stateless; thread-safe.
 */
public final class Decoder {
    private static final int[] ALU_K_64 = {MicroOp.ADD64_K, MicroOp.SUB64_K, MicroOp.MUL64_K, MicroOp.DIV64_K,
        MicroOp.OR64_K, MicroOp.AND64_K, MicroOp.LSH64_K, MicroOp.RSH64_K, -1, MicroOp.MOD64_K, MicroOp.XOR64_K,
        -1, MicroOp.ARSH64_K};
    private static final int[] ALU_X_64 = {MicroOp.ADD64_X, MicroOp.SUB64_X, MicroOp.MUL64_X, MicroOp.DIV64_X,
        MicroOp.OR64_X, MicroOp.AND64_X, MicroOp.LSH64_X, MicroOp.RSH64_X, -1, MicroOp.MOD64_X, MicroOp.XOR64_X,
        MicroOp.MOV64_X, MicroOp.ARSH64_X};
    private static final int[] ALU_K_32 = {MicroOp.ADD32_K, MicroOp.SUB32_K, MicroOp.MUL32_K, MicroOp.DIV32_K,
        MicroOp.OR32_K, MicroOp.AND32_K, MicroOp.LSH32_K, MicroOp.RSH32_K, -1, MicroOp.MOD32_K, MicroOp.XOR32_K,
        -1, MicroOp.ARSH32_K};
    private static final int[] ALU_X_32 = {MicroOp.ADD32_X, MicroOp.SUB32_X, MicroOp.MUL32_X, MicroOp.DIV32_X,
        MicroOp.OR32_X, MicroOp.AND32_X, MicroOp.LSH32_X, MicroOp.RSH32_X, -1, MicroOp.MOD32_X, MicroOp.XOR32_X,
        MicroOp.MOV32_X, MicroOp.ARSH32_X};
    /** Conditional jumps indexed by op >> 4; JA, CALL and EXIT are -1 (handled apart). */
    private static final int[] COND = {-1, 0, 1, 2, 3, 4, 5, 6, -1, -1, 7, 8, 9, 10};

    private Decoder() {}

    /** Thrown internally for an invalid slot; the message becomes {@code errors[pc]}. */
    private static final class Invalid extends Exception {
        final VerifierRule rule;

        Invalid(String message) {
            this(VerifierRule.INVALID_OPCODE, message);
        }

        Invalid(VerifierRule rule, String message) {
            super(message, null, false, false);
            this.rule = rule;
        }
    }

    /** Decodes {@code program}, resolving helper ids against {@code helpers}. */
    public static DecodedProgram decode(Program program, HelperRegistry helpers) {
        int n = program.length();
        int[] code = new int[n + 1];
        long[] imm = new long[n + 1];
        String[] errors = new String[n];
        VerifierRule[] rules = new VerifierRule[n];
        boolean[] tail = new boolean[n];
        for (int pc = 0; pc + 1 < n; pc++) {
            if (program.instruction(pc).opcode() == LDDW) tail[++pc] = true;
        }
        java.util.List<Helper> used = new java.util.ArrayList<>();
        for (int pc = 0; pc < n; pc++) {
            if (tail[pc]) continue;
            try {
                decodeSlot(program, pc, tail, helpers, used, code, imm);
            } catch (Invalid e) {
                code[pc] = MicroOp.INVALID;
                imm[pc] = 0;
                errors[pc] = e.getMessage();
                rules[pc] = e.rule;
            }
        }
        return new DecodedProgram(code, imm, used.toArray(new Helper[0]), errors, rules, tail);
    }

    private static void decodeSlot(Program p, int pc, boolean[] tail, HelperRegistry helpers,
                                   java.util.List<Helper> used, int[] code, long[] imm) throws Invalid {
        Instruction in = p.instruction(pc);
        int opc = in.opcode();
        if (in.dst() > 10) throw new Invalid(VerifierRule.INVALID_REGISTER, "invalid destination register r" + in.dst());
        if (in.src() > 10 && usesSrcRegister(opc)) throw new Invalid(VerifierRule.INVALID_REGISTER, "invalid source register r" + in.src());
        switch (cls(opc)) {
            case CLS_ALU, CLS_ALU64 -> decodeAlu(in, pc, code, imm);
            case CLS_JMP, CLS_JMP32 -> decodeJump(p, in, pc, tail, helpers, used, code, imm);
            case CLS_LD -> decodeLddw(p, in, pc, code, imm);
            case CLS_LDX -> decodeLoad(in, pc, code, imm);
            default -> decodeStore(in, pc, code, imm);
        }
    }

    private static boolean usesSrcRegister(int opc) {
        int c = cls(opc);
        return c == CLS_LDX || c == CLS_STX || (isAlu(opc) || isJump(opc)) && isRegSource(opc);
    }

    private static int word(int microOp, Instruction in, int field) {
        return microOp | in.dst() << 8 | in.src() << 12 | field << 16;
    }

    private static void noWriteToFp(Instruction in) throws Invalid {
        if (in.dst() == FP) throw new Invalid(VerifierRule.WRITE_TO_R10, "write to read-only frame pointer r10");
    }

    private static void decodeAlu(Instruction in, int pc, int[] code, long[] imm) throws Invalid {
        int opc = in.opcode();
        boolean is64 = cls(opc) == CLS_ALU64;
        boolean x = isRegSource(opc);
        int op = op(opc) >>> 4;
        noWriteToFp(in);
        int micro;
        long operand = in.imm();
        if (op(opc) == ALU_NEG) {
            if (x) throw new Invalid("invalid opcode 0x" + Integer.toHexString(opc));
            micro = is64 ? MicroOp.NEG64 : MicroOp.NEG32;
        } else if (op(opc) == ALU_END) {
            micro = endOp(in, is64, x);
        } else if (op > 0xc) {
            throw new Invalid("invalid opcode 0x" + Integer.toHexString(opc));
        } else if (op(opc) == ALU_MOV) {
            micro = movOp(in, is64, x);
            if (!x) operand = is64 ? in.imm() : in.imm() & 0xffffffffL;
        } else {
            micro = (is64 ? (x ? ALU_X_64 : ALU_K_64) : (x ? ALU_X_32 : ALU_K_32))[op];
            if (op(opc) == ALU_DIV || op(opc) == ALU_MOD) micro = signedVariant(in, micro);
        }
        code[pc] = word(micro, in, 0);
        imm[pc] = operand;
    }

    private static int signedVariant(Instruction in, int micro) throws Invalid {
        if (in.offset() == 0) return micro;
        if (in.offset() != 1) throw new Invalid("invalid offset " + in.offset() + " for division/modulo");
        // In MicroOp, SDIV directly follows DIV and SMOD follows MOD.
        return micro + 1;
    }

    private static int movOp(Instruction in, boolean is64, boolean x) throws Invalid {
        if (!x) {
            if (in.offset() != 0) throw new Invalid("invalid offset " + in.offset() + " for mov");
            return MicroOp.CONST;
        }
        return switch (in.offset()) {
            case 0 -> is64 ? MicroOp.MOV64_X : MicroOp.MOV32_X;
            case 8 -> is64 ? MicroOp.MOVSX8_64 : MicroOp.MOVSX8_32;
            case 16 -> is64 ? MicroOp.MOVSX16_64 : MicroOp.MOVSX16_32;
            case 32 -> {
                if (!is64) throw new Invalid("invalid offset 32 for 32-bit movsx");
                yield MicroOp.MOVSX32_64;
            }
            default -> throw new Invalid("invalid offset " + in.offset() + " for mov");
        };
    }

    private static int endOp(Instruction in, boolean is64, boolean x) throws Invalid {
        if (is64 && x) throw new Invalid("invalid opcode 0x" + Integer.toHexString(in.opcode()));
        boolean swap = is64 || x;
        return switch (in.imm()) {
            case 16 -> swap ? MicroOp.SWAP16 : MicroOp.TRUNC16;
            case 32 -> swap ? MicroOp.SWAP32 : MicroOp.TRUNC32;
            case 64 -> swap ? MicroOp.SWAP64 : MicroOp.NOP;
            default -> throw new Invalid("invalid byte-swap width " + in.imm());
        };
    }

    private static int checkTarget(long target, int n, boolean[] tail, String what) throws Invalid {
        if (target < 0 || target >= n) {
            throw new Invalid(VerifierRule.JUMP_OUT_OF_RANGE, what + " target " + target + " outside the program");
        }
        if (tail[(int) target]) {
            throw new Invalid(VerifierRule.JUMP_INTO_LDDW, what + " target " + target + " is the second half of lddw");
        }
        return (int) target;
    }

    private static void decodeJump(Program p, Instruction in, int pc, boolean[] tail, HelperRegistry helpers,
                                   java.util.List<Helper> used, int[] code, long[] imm) throws Invalid {
        int opc = in.opcode();
        boolean is32 = cls(opc) == CLS_JMP32;
        int n = p.length();
        String bad = "invalid opcode 0x" + Integer.toHexString(opc);
        switch (op(opc)) {
            case JMP_JA -> {
                if (isRegSource(opc)) throw new Invalid(bad);
                long target = (long) pc + 1 + (is32 ? in.imm() : in.offset());
                code[pc] = word(MicroOp.JA, in, checkTarget(target, n, tail, "jump"));
            }
            case JMP_CALL -> decodeCall(in, pc, n, tail, helpers, used, code, imm, is32, bad);
            case JMP_EXIT -> {
                if (is32 || isRegSource(opc)) throw new Invalid(bad);
                code[pc] = MicroOp.EXIT;
            }
            default -> {
                int cond = op(opc) >>> 4 < COND.length ? COND[op(opc) >>> 4] : -1;
                if (cond < 0) throw new Invalid(bad);
                int base = (is32 ? MicroOp.JEQ32_K : MicroOp.JEQ_K) + (isRegSource(opc) ? 11 : 0);
                long target = (long) pc + 1 + in.offset();
                code[pc] = word(base + cond, in, checkTarget(target, n, tail, "jump"));
                imm[pc] = in.imm();
            }
        }
    }

    private static void decodeCall(Instruction in, int pc, int n, boolean[] tail, HelperRegistry helpers,
                                   java.util.List<Helper> used, int[] code, long[] imm, boolean is32, String bad)
            throws Invalid {
        if (is32) throw new Invalid(bad);
        if (isRegSource(in.opcode())) {
            if (in.imm() != 0 || in.src() != 0) throw new Invalid("callx takes its register in dst; imm and src must be 0");
            code[pc] = word(MicroOp.CALLX, in, 0);
            return;
        }
        switch (in.src()) {
            case CALL_HELPER -> {
                Helper h = helpers.byId(in.imm() & 0xffffffffL).orElseThrow(
                        () -> new Invalid(VerifierRule.UNKNOWN_HELPER, "unknown helper id " + Integer.toUnsignedString(in.imm())));
                int index = used.indexOf(h);
                if (index < 0) {
                    index = used.size();
                    used.add(h);
                }
                code[pc] = word(MicroOp.CALL_HELPER, in, 0);
                imm[pc] = index;
            }
            case CALL_LOCAL -> {
                long target = (long) pc + 1 + in.imm();
                code[pc] = word(MicroOp.CALL_LOCAL, in, checkTarget(target, n, tail, "call"));
            }
            case CALL_BTF -> throw new Invalid(VerifierRule.UNKNOWN_HELPER, "helper calls by BTF id are not supported");
            default -> throw new Invalid("invalid call source " + in.src());
        }
    }

    private static void decodeLddw(Program p, Instruction in, int pc, int[] code, long[] imm) throws Invalid {
        if (in.opcode() != LDDW) {
            int mode = mode(in.opcode());
            throw new Invalid(mode == MODE_ABS || mode == MODE_IND
                    ? "legacy packet loads are not supported" : "invalid opcode 0x" + Integer.toHexString(in.opcode()));
        }
        if (pc + 1 >= p.length()) throw new Invalid("lddw without its second slot");
        Instruction hi = p.instruction(pc + 1);
        if (hi.opcode() != 0 || hi.dst() != 0 || hi.src() != 0 || hi.offset() != 0) {
            throw new Invalid("malformed second slot of lddw");
        }
        noWriteToFp(in);
        long value = (in.imm() & 0xffffffffL) | (long) hi.imm() << 32;
        switch (in.src()) {
            case 0 -> { }
            case LDDW_FUNC -> {
                long target = (long) pc + 1 + in.imm();
                if (hi.imm() != 0 || target < 0 || target >= p.length()) {
                    throw new Invalid(VerifierRule.JUMP_OUT_OF_RANGE, "lddw code address outside the program");
                }
                value = Region.address(Region.CODE.id(), (int) target * Instruction.SIZE);
            }
            default -> throw new Invalid("unsupported lddw source " + in.src() + " (maps are not supported)");
        }
        code[pc] = word(MicroOp.CONST_WIDE, in, 0);
        imm[pc] = value;
    }

    private static void decodeLoad(Instruction in, int pc, int[] code, long[] imm) throws Invalid {
        int opc = in.opcode();
        noWriteToFp(in);
        int micro = switch (mode(opc)) {
            case MODE_MEM -> switch (size(opc)) {
                case SIZE_B -> MicroOp.LDXB;
                case SIZE_H -> MicroOp.LDXH;
                case SIZE_W -> MicroOp.LDXW;
                default -> MicroOp.LDXDW;
            };
            case MODE_MEMSX -> switch (size(opc)) {
                case SIZE_B -> MicroOp.LDXSB;
                case SIZE_H -> MicroOp.LDXSH;
                case SIZE_W -> MicroOp.LDXSW;
                default -> throw new Invalid("invalid opcode 0x" + Integer.toHexString(opc));
            };
            default -> throw new Invalid("invalid opcode 0x" + Integer.toHexString(opc));
        };
        code[pc] = word(micro, in, in.offset() & 0xffff);
    }

    private static void decodeStore(Instruction in, int pc, int[] code, long[] imm) throws Invalid {
        int opc = in.opcode();
        boolean st = cls(opc) == CLS_ST;
        int micro;
        if (mode(opc) == MODE_MEM) {
            micro = switch (size(opc)) {
                case SIZE_B -> st ? MicroOp.STB : MicroOp.STXB;
                case SIZE_H -> st ? MicroOp.STH : MicroOp.STXH;
                case SIZE_W -> st ? MicroOp.STW : MicroOp.STXW;
                default -> st ? MicroOp.STDW : MicroOp.STXDW;
            };
        } else if (mode(opc) == MODE_ATOMIC && !st && (size(opc) == SIZE_W || size(opc) == SIZE_DW)) {
            micro = size(opc) == SIZE_W ? MicroOp.ATOMIC32 : MicroOp.ATOMIC64;
            if (!Atomics.isValid(in.imm())) {
                throw new Invalid("invalid atomic operation 0x" + Integer.toHexString(in.imm()));
            }
            if ((in.imm() & ATOMIC_FETCH) != 0 && in.src() == FP) {
                throw new Invalid(VerifierRule.WRITE_TO_R10, "write to read-only frame pointer r10");
            }
        } else {
            throw new Invalid("invalid opcode 0x" + Integer.toHexString(opc));
        }
        code[pc] = word(micro, in, in.offset() & 0xffff);
        imm[pc] = in.imm();
    }
}
