package org.opencsd.ebpf;

/**
 * A program pre-decoded for fast dispatch (see {@link Decoder}). Slot {@code pc} is described by
 * {@code code[pc]} = micro-op (bits 0-7, see {@link MicroOp}) | dst (bits 8-11) | src (bits 12-15)
 * | field (bits 16-31: the signed memory offset, or the unsigned absolute target pc of a jump or
 * local call), and {@code imm[pc]}: the operand (sign-extended immediate, the 64-bit constant of
 * {@code lddw}, the atomic operation, or the index into {@link #helpers}). One extra slot at the
 * end holds {@link MicroOp#INVALID} so that running off the end faults. {@code errors[pc]} says
 * why a slot is {@link MicroOp#INVALID} ({@code null} for valid slots and for the second slot of
 * {@code lddw}, which is never a valid target) and {@code errorRules[pc]} which verifier rule the
 * slot breaks; {@code lddwTail[pc]} marks second slots of {@code lddw}. Immutable after construction; the arrays must not
 * be modified.
 */
public record DecodedProgram(int[] code, long[] imm, Helper[] helpers, String[] errors, VerifierRule[] errorRules,
                             boolean[] lddwTail) {
    /** Number of real slots (without the sentinel). */
    public int length() {
        return errors.length;
    }

    /** The micro-op of slot {@code pc}. */
    public int microOp(int pc) {
        return code[pc] & 0xff;
    }

    /** Absolute target of the jump or local call at {@code pc}. */
    public int target(int pc) {
        return code[pc] >>> 16;
    }
}
