package org.opencsd.ebpf.jit;

/**
 * The JVM local-variable layout of every compiled segment method
 * {@code int seg(JitState st, int entryPc)}: the state, the entry pc, r0-r10 as longs, the
 * remaining budget, the cached register file and region tables, scratch slots, and the region
 * arrays of predicted regions. Stateless.
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
    /** {@code st.stack}. */
    static final int STACK = WR + 1;
    /** The pc a segment continues at (int; -1 after the function's exit). */
    static final int NEXT = STACK + 1;
    /** The pc of the block whose budget check failed (int). */
    static final int FAIL_PC = NEXT + 1;
    /** A scratch int. */
    static final int TMP_INT = FAIL_PC + 1;
    /** The virtual address of the access being made (long). */
    static final int ADDR = TMP_INT + 1;
    /** First of the slots caching region arrays for predicted-region fast paths (see {@link MemoryEmitter}). */
    static final int REGION_CACHE = ADDR + 2;

    /** The slot of register {@code r} (0-10). */
    static int reg(int r) {
        return R0 + 2 * r;
    }
}
