package org.opencsd.ebpf;

/**
 * The out-of-line parts of calls, shared by the engines: invoking a helper (any exception other
 * than a {@link VmFault} becomes a {@link FaultKind#HELPER_ERROR} fault), resolving a
 * {@code callx} target, and describing invalid slots. Stateless; thread-safe.
 */
public final class Calls {
    private Calls() {}

    /** Calls {@code helper} with r1-r5 and returns the new r0. r1-r5 are left unchanged. */
    public static long helper(Helper helper, HelperContext ctx, long[] r, int pc) {
        ctx.setPc(pc);
        try {
            return helper.function().call(ctx, r[1], r[2], r[3], r[4], r[5]);
        } catch (BpfException e) {
            if (e instanceof VmFault f) throw f;
            throw VmFault.at(FaultKind.HELPER_ERROR, pc, "helper " + helper.name() + " failed: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            throw VmFault.at(FaultKind.HELPER_ERROR, pc, "helper " + helper.name() + " failed: " + e);
        }
    }

    /**
     * Executes {@code callx} with target value {@code value}: a {@link Region#CODE} address makes a
     * local call (a frame is pushed; returns the callee's pc), a registered helper id calls the
     * helper (sets r0; returns -1). Anything else faults.
     */
    static int callx(DecodedProgram dp, Interpreter.Frames frames, long[] r, long value, int pc) {
        int target = localTarget(dp, value);
        if (target >= 0) {
            frames.push(r, pc);
            return target;
        }
        r[0] = callxHelper(frames.registry, frames.context, r, value, pc);
        return -1;
    }

    /**
     * The helper half of {@code callx}: calls the helper of {@code registry} whose id is
     * {@code value} with r1-r5 and returns the new r0, or faults when there is none. Shared with
     * compiled code.
     */
    public static long callxHelper(HelperRegistry registry, HelperContext ctx, long[] r, long value, int pc) {
        Helper h = registry.byId(value).orElseThrow(() -> VmFault.at(FaultKind.BAD_CALL_TARGET, pc,
                "callx target 0x" + Long.toHexString(value) + " is neither a function nor a helper"));
        return helper(h, ctx, r, pc);
    }

    /** The pc a code address denotes, or -1 when {@code value} is not a valid code address. */
    public static int localTarget(DecodedProgram dp, long value) {
        if (value >>> 32 != Region.CODE.id() || (value & 7) != 0) return -1;
        long pc = (value & 0xffffffffL) >>> 3;
        if (pc >= dp.length() || dp.lddwTail()[(int) pc]) return -1;
        return (int) pc;
    }

    /** The fault for executing an invalid slot (or running past the end of the program). */
    public static VmFault invalid(DecodedProgram dp, int pc) {
        if (pc >= dp.length()) return VmFault.at(FaultKind.INVALID_INSTRUCTION, pc, "execution ran past the end of the program");
        String why = dp.errors()[pc];
        return VmFault.at(FaultKind.INVALID_INSTRUCTION, pc, why != null ? why : "invalid instruction");
    }
}
