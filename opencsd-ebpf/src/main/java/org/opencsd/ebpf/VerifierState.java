package org.opencsd.ebpf;

import java.util.Arrays;

/**
 * The verifier's abstract state at one program point of one function: for each register
 * whether it is uninitialised, an unknown scalar, or the frame pointer plus a known offset; for
 * each byte of the frame's 512-byte stack whether it has been written; and whether a pointer to
 * the stack has escaped (passed to a helper or callee, or stored to memory), after which the
 * stack counts as fully initialised because its writes can no longer be tracked. States only
 * move down the lattice (FP offset, then scalar, then uninitialised; written, then unwritten), so
 * the fixpoint iteration terminates. Mutable; confined to one verification.
 */
final class VerifierState {
    /** Register value: not written on some path. */
    static final long UNINIT = Long.MIN_VALUE;
    /** Register value: written, nothing known. */
    static final long SCALAR = Long.MIN_VALUE + 1;
    // Any other value v: the register holds r10 + v (v fits an int).

    final long[] regs = new long[Opcodes.REGISTERS];
    final long[] stack = new long[VmMemory.FRAME_SIZE / 64];
    boolean escaped;

    /** The state at a function's start: r1-r5 (or r1-r2 for the entry) scalars, r10 the frame pointer. */
    static VerifierState functionEntry(int arguments) {
        VerifierState s = new VerifierState();
        Arrays.fill(s.regs, UNINIT);
        for (int i = 1; i <= arguments; i++) s.regs[i] = SCALAR;
        s.regs[Opcodes.FP] = 0;
        return s;
    }

    VerifierState copy() {
        VerifierState s = new VerifierState();
        System.arraycopy(regs, 0, s.regs, 0, regs.length);
        System.arraycopy(stack, 0, s.stack, 0, stack.length);
        s.escaped = escaped;
        return s;
    }

    /** Joins {@code other} into this state; returns whether this state changed. */
    boolean join(VerifierState other) {
        boolean changed = false;
        for (int i = 0; i < regs.length; i++) {
            long a = regs[i];
            long b = other.regs[i];
            long j = a == b ? a : a == UNINIT || b == UNINIT ? UNINIT : SCALAR;
            changed |= j != a;
            regs[i] = j;
        }
        for (int i = 0; i < stack.length; i++) {
            long j = stack[i] & other.stack[i];
            changed |= j != stack[i];
            stack[i] = j;
        }
        boolean e = escaped && other.escaped;
        changed |= e != escaped;
        escaped = e;
        return changed;
    }

    static boolean isPointer(long v) {
        return v != UNINIT && v != SCALAR;
    }

    /** Marks stack bytes [off, off + size) (off relative to r10, negative) written. */
    void write(int off, int size) {
        for (int i = off; i < off + size; i++) {
            int bit = i + VmMemory.FRAME_SIZE;
            stack[bit >>> 6] |= 1L << (bit & 63);
        }
    }

    /** Whether all stack bytes [off, off + size) have been written (or the stack escaped). */
    boolean initialized(int off, int size) {
        if (escaped) return true;
        for (int i = off; i < off + size; i++) {
            int bit = i + VmMemory.FRAME_SIZE;
            if ((stack[bit >>> 6] & 1L << (bit & 63)) == 0) return false;
        }
        return true;
    }

    /** Records that the pointer registers among r1..r{count} escape. */
    void escapeArguments(int count) {
        for (int i = 1; i <= count; i++) escaped |= isPointer(regs[i]);
    }

    /** After any call: r0 a scalar, r1-r5 clobbered. */
    void afterCall() {
        regs[0] = SCALAR;
        for (int i = 1; i <= 5; i++) regs[i] = UNINIT;
    }
}
