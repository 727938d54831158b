package org.opencsd.ebpf;

/**
 * One 64-bit eBPF instruction slot: {@code u8 opcode, u4 dst, u4 src, s16 offset, s32 imm}.
 * The second slot of {@code lddw} is an instruction with opcode 0 whose {@code imm} holds the
 * upper 32 bits. Immutable value; thread-safe.
 *
 * @param opcode the opcode byte, 0-255
 * @param dst destination register field, 0-15 (values above 10 are invalid, caught by the verifier)
 * @param src source register field, 0-15
 * @param offset signed 16-bit offset
 * @param imm signed 32-bit immediate
 */
public record Instruction(int opcode, int dst, int src, short offset, int imm) {
    /** Size of one instruction slot in bytes. */
    public static final int SIZE = 8;

    public Instruction {
        if (opcode < 0 || opcode > 0xff) throw new IllegalArgumentException("opcode out of range: " + opcode);
        if (dst < 0 || dst > 0xf) throw new IllegalArgumentException("dst out of range: " + dst);
        if (src < 0 || src > 0xf) throw new IllegalArgumentException("src out of range: " + src);
    }

    /** Convenience constructor taking an int offset, which must fit in 16 signed bits. */
    public static Instruction of(int opcode, int dst, int src, int offset, int imm) {
        if (offset != (short) offset) throw new IllegalArgumentException("offset out of range: " + offset);
        return new Instruction(opcode, dst, src, (short) offset, imm);
    }

    /** Decodes the little-endian slot {@code raw} (as read with a little-endian long load). */
    public static Instruction decode(long raw) {
        int opcode = (int) (raw & 0xff);
        int regs = (int) ((raw >>> 8) & 0xff);
        short offset = (short) (raw >>> 16);
        int imm = (int) (raw >>> 32);
        return new Instruction(opcode, regs & 0xf, regs >>> 4, offset, imm);
    }

    /** Encodes this slot as the long whose little-endian bytes are the instruction. */
    public long encode() {
        return (opcode & 0xffL) | (long) (dst | src << 4) << 8 | (offset & 0xffffL) << 16 | (long) imm << 32;
    }

    /** Copy with another immediate. */
    public Instruction withImm(int newImm) {
        return new Instruction(opcode, dst, src, offset, newImm);
    }

    /** Copy with another src field. */
    public Instruction withSrc(int newSrc) {
        return new Instruction(opcode, dst, newSrc, offset, imm);
    }
}
