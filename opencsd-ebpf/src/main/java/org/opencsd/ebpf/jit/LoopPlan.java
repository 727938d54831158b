package org.opencsd.ebpf.jit;

import java.util.List;

/**
 * A loop that {@link LoopAnalysis} can version: a single-block body {@code head} that either
 * jumps back to its own start ({@code latch == null}) or is followed by a {@code latch} block
 * holding only {@code ja head}. At iteration start every register the plan mentions is
 * {@code entry value + step × k} (k = 0, 1, ...). The loop continues while
 * {@code counter cond bound}, where the counter is the sum of the registers in
 * {@code counterMask} plus {@code counterConst} at the compare (its step {@code counterStep} is
 * positive) and the bound the sum of the registers in {@code boundMask} plus {@code boundConst}
 * (loop-invariant). Immutable.
 *
 * @param head the loop body
 * @param latch the trailing {@code ja head} block, or null for a self-loop
 * @param exitPc where control continues when the loop ends
 * @param backEdgePc the pc of the jump back to {@code head} (the body's last instruction or the latch)
 * @param counterMask registers summed into the counter, as bits
 * @param counterConst constant added to the counter
 * @param counterStep how much the counter grows per iteration
 * @param boundMask registers summed into the bound, as bits (all loop-invariant)
 * @param boundConst constant added to the bound
 * @param cond the continue condition, one of {@link LoopTrip#LT}, {@link LoopTrip#LE}, {@link LoopTrip#NE}
 * @param accesses the body's loads and stores whose addresses are affine in k
 * @param inductions the registers whose value at the end of the body is their value at its start
 *     plus a non-zero constant, with that constant (the body's other registers are invariant or
 *     not affine)
 */
record LoopPlan(Block head, Block latch, int exitPc, int backEdgePc, int counterMask, long counterConst,
                int counterStep, int boundMask, long boundConst, int cond, List<Access> accesses,
                List<Induction> inductions) {

    /** Register {@code reg} grows by {@code step} per iteration. */
    record Induction(int reg, long step) {}

    /**
     * A load or store at {@code pc} whose address at iteration k is the sum of the registers in
     * {@code mask} (their values at the loop's entry) plus {@code constant} (the access offset
     * included) plus {@code stride × k}.
     *
     * @param size bytes accessed
     * @param store whether it is a store
     */
    record Access(int pc, int mask, long constant, int stride, int size, boolean store) {}

    /** Instructions one full iteration costs (head and latch). */
    long iterationCost() {
        return head.cost() + (latch == null ? 0 : latch.cost());
    }
}
