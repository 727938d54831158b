package org.opencsd.ebpf.jit;

/**
 * The JVM local-variable layout of every compiled segment method
 * {@code int seg(JitState st, int entryPc)}: the state, the entry pc, r0-r10 as longs, the
 * remaining budget, the cached register file and region tables, scratch slots, the region
 * arrays of predicted regions, and after those the locals of versioned loops
 * (see {@link LoopEmitter}). Stateless.
 */
final class Frame {
    private Frame() {}

    /** The {@link JitState} parameter. */
    static final int STATE = 0;
    /** The entry-pc parameter. */
    static final int ENTRY = 1;
    private static final int R0 = 2;
    /** Remaining budget (long). */
    static final int BUDGET = R0 + 2 * 11;
    /** {@code st.regs}. */
    static final int REGS = BUDGET + 2;
    /** {@code st.rd}. */
    static final int RD = REGS + 1;
    /** {@code st.wr}. */
    static final int WR = RD + 1;
    /** The pc a segment continues at (int; -1 after the function's exit). */
    static final int NEXT = WR + 1;
    /** The pc of the block whose budget check failed (int). */
    static final int FAIL_PC = NEXT + 1;
    /** A scratch int. */
    static final int TMP_INT = FAIL_PC + 1;
    /** First of the slots caching region arrays for the memory fast paths (see {@link MemoryEmitter}). */
    static final int REGION_CACHE = TMP_INT + 1;

    /** The slot of register {@code r} (0-10). */
    static int reg(int r) {
        return R0 + 2 * r;
    }
}
