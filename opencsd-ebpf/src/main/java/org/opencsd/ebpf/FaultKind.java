package org.opencsd.ebpf;

/** Why a running program was stopped. */
public enum FaultKind {
    /** Access to an address whose region is not mapped (null pointers included). */
    UNMAPPED,
    /** Access that runs past the end of (or starts before) its region. */
    OUT_OF_BOUNDS,
    /** Store or atomic operation on a read-only region. */
    READ_ONLY,
    /** Atomic operation on an address not aligned to its size. */
    MISALIGNED,
    /** The instruction budget ran out. */
    BUDGET_EXHAUSTED,
    /** The host asked the execution to stop (see {@link Interruptible}). */
    INTERRUPTED,
    /** A call would exceed the maximum number of call frames. */
    CALL_DEPTH,
    /** {@code callx} (or a decoded call) to something that is neither a function nor a helper. */
    BAD_CALL_TARGET,
    /** Call of a helper id that is not registered. */
    UNKNOWN_HELPER,
    /** A helper reported an error. */
    HELPER_ERROR,
    /** An instruction the engine cannot execute (only reachable for unverified programs). */
    INVALID_INSTRUCTION
}
