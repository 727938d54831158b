package org.opencsd.ebpf.jit;

import org.opencsd.ebpf.Atomics;
import org.opencsd.ebpf.Calls;
import org.opencsd.ebpf.FaultKind;
import org.opencsd.ebpf.Helper;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.VmFault;
import org.opencsd.ebpf.VmMemory;

/**
 * The out-of-line operations of compiled code that are not loads or stores: register-operand
 * division, calls, {@code callx}, atomics, and the exact slow paths of faults. Wherever the
 * interpreter has a shared implementation ({@link Calls}, {@link Atomics}) it is called, so both
 * engines raise the same faults with the same pc and message. Stateless; thread-safe.
 */
final class JitRuntime {
    private JitRuntime() {}

    static long udiv64(long a, long b) {
        return b == 0 ? 0 : Long.divideUnsigned(a, b);
    }

    static long sdiv64(long a, long b) {
        return b == 0 ? 0 : a / b;
    }

    static long umod64(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    static long smod64(long a, long b) {
        return b == 0 ? a : a % b;
    }

    /** Calls {@code helper} with r1-r5 taken from {@code st.regs}; returns the new r0. */
    static long helper(JitState st, Helper helper, int pc) {
        return Calls.helper(helper, st.context, st.regs, pc);
    }

    /**
     * Executes the atomic instruction at {@code pc}; its registers (dst, src, r0) are in
     * {@code st.regs} before and after.
     */
    static void atomic(JitState st, int dst, int src, int offset, int op, int size, int pc) {
        Atomics.execute(st.memory, st.regs, dst, src, offset, op, size, pc);
    }

    /**
     * Enters a call frame for a local call at {@code pc}: faults when the maximum depth is
     * reached, else moves the frame pointer in {@code st.regs} down by one frame.
     */
    static void enter(JitState st, int pc) {
        if (st.depth + 1 >= VmMemory.MAX_FRAMES) {
            throw VmFault.at(FaultKind.CALL_DEPTH, pc, "call depth exceeds " + VmMemory.MAX_FRAMES + " frames");
        }
        st.depth++;
        st.regs[10] -= VmMemory.FRAME_SIZE;
    }

    /** Leaves the frame entered by {@link #enter}. */
    static void leave(JitState st) {
        st.depth--;
    }

    /**
     * The first half of {@code callx} with target {@code value} at {@code pc}, registers in
     * {@code st.regs}: a code address enters a frame and returns the callee's pc; a helper id
     * calls the helper, sets r0 and returns -1; anything else faults as in the interpreter.
     */
    static int callx(JitState st, long value, int pc) {
        int target = Calls.localTarget(st.decoded, value);
        if (target >= 0) {
            enter(st, pc);
            return target;
        }
        st.regs[0] = Calls.callxHelper(st.program.helpers(), st.context, st.regs, value, pc);
        return -1;
    }

    /**
     * Runs a callee that compiled code has no method for (a {@code callx} into the middle of a
     * function) in the interpreter, in the frame already entered. Registers are in
     * {@code st.regs}; r0-r5 are the callee's afterwards.
     */
    static void interpretCall(JitState st, int target) {
        st.budget = Interpreter.resume(st.decoded, st.memory, st.regs, st.context, st.program.helpers(), target,
                st.budget, st.depth);
    }

    /**
     * Tops up the local budget {@code budget} of compiled code from the execution's reserve so
     * that it can pay for the {@code cost} instructions of the block at {@code pc}; returns the
     * new local budget, still below {@code cost} when the reserve is empty (the block then takes
     * {@link #exhausted}). Throws the interrupt fault when the host asked to stop.
     */
    static long refuel(JitState st, long budget, long cost, int pc) {
        return st.context.fuel().refill(budget, cost, pc);
    }

    /**
     * The slow path of a basic block at {@code pc} whose instructions the remaining budget
     * ({@code st.budget}) cannot pay for: the interpreter re-runs the block from its start with
     * that budget, so that the instructions it can pay for take effect and the fault (budget, or
     * an earlier memory fault) is exactly the interpreter's.
     */
    static VmFault exhausted(JitState st, int pc) {
        Interpreter.resume(st.decoded, st.memory, st.regs, st.context, st.program.helpers(), pc, st.budget,
                st.depth);
        throw new IllegalStateException("block at pc " + pc + " completed with an insufficient budget");
    }

    /** The fault of executing the invalid slot {@code pc} (or running past the end). */
    static VmFault invalid(JitState st, int pc) {
        return Calls.invalid(st.decoded, pc);
    }
}
