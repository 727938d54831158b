package org.opencsd.ebpf;

/** The rules the {@link Verifier} enforces; each rejection names one. */
public enum VerifierRule {
    /** The program has no instructions or more than {@link Opcodes#MAX_INSTRUCTIONS}. */
    PROGRAM_SIZE("program size"),
    /** Unknown opcode, bad variant field (offset/imm selecting an operation) or malformed lddw. */
    INVALID_OPCODE("valid opcodes"),
    /** A register field above r10. */
    INVALID_REGISTER("valid registers"),
    /** An instruction that would write r10. */
    WRITE_TO_R10("r10 is read-only"),
    /** A jump or call whose target is outside the program. */
    JUMP_OUT_OF_RANGE("jump targets inside the program"),
    /** A jump or call into the second slot of lddw. */
    JUMP_INTO_LDDW("no jumps into lddw"),
    /** Execution can run past the last instruction. */
    FALL_OFF_END("no falling off the end"),
    /** An instruction no path from a function entry reaches. */
    UNREACHABLE("reachable code only"),
    /** A register read before any write on some path. */
    UNINITIALIZED_REGISTER("no uninitialised registers"),
    /** A stack byte read before any write on some path. */
    UNINITIALIZED_STACK("no uninitialised stack"),
    /** A stack access at a known offset outside the frame. */
    STACK_OUT_OF_BOUNDS("stack accesses in bounds"),
    /** An atomic operation on the stack at a known offset not aligned to its size. */
    MISALIGNED_ATOMIC("aligned atomics"),
    /** A call of a helper id not in the registry (or a BTF-id call). */
    UNKNOWN_HELPER("known helpers"),
    /** A helper call whose argument registers are not all set. */
    HELPER_ARGUMENTS("helper argument counts"),
    /** Local calls nested deeper than the frame limit, or recursive. */
    CALL_DEPTH("bounded call depth");

    private final String title;

    VerifierRule(String title) {
        this.title = title;
    }

    /** Short human-readable name of the rule. */
    public String title() {
        return title;
    }
}
