package org.opencsd.ebpf;

/**
 * Constants of the eBPF instruction encoding (RFC 9669, up to CPU v4) and small pure functions
 * that take an opcode byte apart. Stateless; safe for use from any thread.
 */
public final class Opcodes {
    private Opcodes() {}

    // Instruction classes (low 3 bits).
    public static final int CLS_LD = 0x00;
    public static final int CLS_LDX = 0x01;
    public static final int CLS_ST = 0x02;
    public static final int CLS_STX = 0x03;
    public static final int CLS_ALU = 0x04;
    public static final int CLS_JMP = 0x05;
    public static final int CLS_JMP32 = 0x06;
    public static final int CLS_ALU64 = 0x07;

    // Source bit of ALU and JMP classes.
    public static final int SRC_K = 0x00;
    public static final int SRC_X = 0x08;

    // ALU operation codes (high 4 bits).
    public static final int ALU_ADD = 0x00;
    public static final int ALU_SUB = 0x10;
    public static final int ALU_MUL = 0x20;
    public static final int ALU_DIV = 0x30;
    public static final int ALU_OR = 0x40;
    public static final int ALU_AND = 0x50;
    public static final int ALU_LSH = 0x60;
    public static final int ALU_RSH = 0x70;
    public static final int ALU_NEG = 0x80;
    public static final int ALU_MOD = 0x90;
    public static final int ALU_XOR = 0xa0;
    public static final int ALU_MOV = 0xb0;
    public static final int ALU_ARSH = 0xc0;
    public static final int ALU_END = 0xd0;

    // Jump operation codes (high 4 bits).
    public static final int JMP_JA = 0x00;
    public static final int JMP_JEQ = 0x10;
    public static final int JMP_JGT = 0x20;
    public static final int JMP_JGE = 0x30;
    public static final int JMP_JSET = 0x40;
    public static final int JMP_JNE = 0x50;
    public static final int JMP_JSGT = 0x60;
    public static final int JMP_JSGE = 0x70;
    public static final int JMP_CALL = 0x80;
    public static final int JMP_EXIT = 0x90;
    public static final int JMP_JLT = 0xa0;
    public static final int JMP_JLE = 0xb0;
    public static final int JMP_JSLT = 0xc0;
    public static final int JMP_JSLE = 0xd0;

    // Load/store sizes (bits 3-4) and modes (bits 5-7).
    public static final int SIZE_W = 0x00;
    public static final int SIZE_H = 0x08;
    public static final int SIZE_B = 0x10;
    public static final int SIZE_DW = 0x18;
    public static final int MODE_IMM = 0x00;
    public static final int MODE_ABS = 0x20;
    public static final int MODE_IND = 0x40;
    public static final int MODE_MEM = 0x60;
    public static final int MODE_MEMSX = 0x80;
    public static final int MODE_ATOMIC = 0xc0;

    // Atomic operations (imm field of ATOMIC-mode STX).
    public static final int ATOMIC_ADD = 0x00;
    public static final int ATOMIC_OR = 0x40;
    public static final int ATOMIC_AND = 0x50;
    public static final int ATOMIC_XOR = 0xa0;
    public static final int ATOMIC_FETCH = 0x01;
    public static final int ATOMIC_XCHG = 0xe0 | ATOMIC_FETCH;
    public static final int ATOMIC_CMPXCHG = 0xf0 | ATOMIC_FETCH;

    // Whole opcodes used by name.
    public static final int LDDW = CLS_LD | MODE_IMM | SIZE_DW;
    public static final int CALL = CLS_JMP | JMP_CALL;
    public static final int CALLX = CLS_JMP | JMP_CALL | SRC_X;
    public static final int EXIT = CLS_JMP | JMP_EXIT;
    public static final int JA = CLS_JMP | JMP_JA;
    public static final int JA32 = CLS_JMP32 | JMP_JA;

    // Pseudo sources.
    /** {@code call} src: helper by id. */
    public static final int CALL_HELPER = 0;
    /** {@code call} src: BPF-to-BPF call, imm is pc-relative. */
    public static final int CALL_LOCAL = 1;
    /** {@code call} src: helper by BTF id (not supported). */
    public static final int CALL_BTF = 2;
    /** {@code lddw} src: code address of the instruction at {@code pc + imm + 1} (for {@code callx}). */
    public static final int LDDW_FUNC = 4;

    /** Number of registers r0-r10. */
    public static final int REGISTERS = 11;
    /** The read-only frame pointer. */
    public static final int FP = 10;
    /** Maximum number of instruction slots in a program. */
    public static final int MAX_INSTRUCTIONS = 65_536;

    /** The class bits of {@code opcode}. */
    public static int cls(int opcode) {
        return opcode & 0x07;
    }

    /** The operation bits (high nibble) of an ALU or JMP {@code opcode}. */
    public static int op(int opcode) {
        return opcode & 0xf0;
    }

    /** Whether an ALU or JMP {@code opcode} takes its operand from a register. */
    public static boolean isRegSource(int opcode) {
        return (opcode & SRC_X) != 0;
    }

    /** The size bits of a load/store {@code opcode}. */
    public static int size(int opcode) {
        return opcode & 0x18;
    }

    /** The mode bits of a load/store {@code opcode}. */
    public static int mode(int opcode) {
        return opcode & 0xe0;
    }

    /** Width in bytes of a load/store size code. */
    public static int sizeBytes(int opcode) {
        return switch (size(opcode)) {
            case SIZE_W -> 4;
            case SIZE_H -> 2;
            case SIZE_B -> 1;
            default -> 8;
        };
    }

    /** Whether {@code opcode} is in the ALU or ALU64 class. */
    public static boolean isAlu(int opcode) {
        int c = cls(opcode);
        return c == CLS_ALU || c == CLS_ALU64;
    }

    /** Whether {@code opcode} is in the JMP or JMP32 class. */
    public static boolean isJump(int opcode) {
        int c = cls(opcode);
        return c == CLS_JMP || c == CLS_JMP32;
    }
}
