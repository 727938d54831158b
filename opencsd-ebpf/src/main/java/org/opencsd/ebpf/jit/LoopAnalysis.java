package org.opencsd.ebpf.jit;

import java.util.ArrayList;
import java.util.List;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;

/**
 * Finds loops that can be versioned ({@link LoopPlan}): a straight-line body without calls or
 * atomics, closed by a 64-bit conditional jump back to its start, or by a conditional jump out
 * followed by a {@code ja} back. A symbolic pass models each register as the sum of some
 * registers' values at iteration start plus a constant ({@code mov}, {@code lddw}, {@code add}
 * and {@code sub} of constants, {@code add} of registers; anything else is unknown). A register
 * whose value at the end of the body is its own start value plus a constant is an induction
 * variable with that step; a second pass then expresses every access address and both jump
 * operands in the registers' loop-entry values and the iteration number. The loop qualifies
 * when one jump operand grows by a positive step and the other is loop-invariant, under a
 * condition {@link LoopTrip} can count. Stateless.
 */
final class LoopAnalysis {
    /** Largest step (of the counter or of an access address) a plan may have. */
    static final int MAX_STEP = 1 << 20;
    private static final int REGS = 11;
    private static final int EQ = 0, GT = 1, GE = 2, NE = 4, SGT = 5, SGE = 6, LT = 7, LE = 8, SLT = 9, SLE = 10;

    private LoopAnalysis() {}

    /**
     * Whether {@code b} has the shape of a versionable loop's body (used for size estimates;
     * {@link #of} decides).
     */
    static boolean mayVersion(DecodedProgram dp, Block b) {
        if (b.last() >= dp.length() || !isWideJump(dp.microOp(b.last()))) return false;
        if (dp.target(b.last()) == b.start()) return true;
        return b.end() < dp.length() && dp.microOp(b.end()) == MicroOp.JA && dp.target(b.end()) == b.start();
    }

    /** The number of loops of {@code plans} that are versioned (as {@link SegmentEmitter} finds them). */
    static int count(DecodedProgram dp, List<FunctionPlan> plans) {
        int n = 0;
        for (FunctionPlan f : plans) {
            for (Segment s : f.segments()) {
                List<Block> blocks = s.blocks();
                for (int i = 0; i < blocks.size(); i++) {
                    if (of(dp, blocks.get(i), i + 1 < blocks.size() ? blocks.get(i + 1) : null) != null) n++;
                }
            }
        }
        return n;
    }

    /**
     * The plan for the loop whose body is {@code head}, {@code next} being the block compiled
     * right after it in the same method (or null); null when the loop does not qualify.
     */
    static LoopPlan of(DecodedProgram dp, Block head, Block next) {
        if (!mayVersion(dp, head) || !straightLine(dp, head)) return null;
        int last = head.last();
        int op = dp.microOp(last);
        int target = dp.target(last);
        Block latch = null;
        int exit = head.end();
        int backEdge = last;
        int cond = (op - MicroOp.JEQ_K) % 11;
        if (target != head.start()) {
            if (next == null || next.start() != head.end() || next.cost() != 1 || target == next.start()) return null;
            latch = next;
            exit = target;
            backEdge = next.start();
            cond = negate(cond);
        }
        Symbolic sym = new Symbolic();
        sym.start(null);
        sym.run(dp, head, null);
        boolean[] affine = new boolean[REGS];
        long[] step = new long[REGS];
        for (int r = 0; r < REGS; r++) {
            affine[r] = sym.known[r] && sym.mask[r] == 1 << r && Math.abs(sym.c[r]) <= MAX_STEP;
            step[r] = sym.c[r];
        }
        sym.start(affine);
        List<LoopPlan.Access> accesses = new ArrayList<>();
        sym.run(dp, head, (pc, base, off, size, store) -> {
            long stride = stride(sym.mask[base], step);
            if (sym.known[base] && Math.abs(stride) <= MAX_STEP && !MemoryEmitter.inFrame(base, off, size)) {
                accesses.add(new LoopPlan.Access(pc, sym.mask[base], sym.c[base] + off, (int) stride, size, store));
            }
        });
        int d = (dp.code()[last] >>> 8) & 0xf;
        int s = (dp.code()[last] >>> 12) & 0xf;
        boolean x = op >= MicroOp.JEQ_X;
        boolean dKnown = sym.known[d];
        int dMask = sym.mask[d];
        long dConst = sym.c[d];
        boolean sKnown = !x || sym.known[s];
        int sMask = x ? sym.mask[s] : 0;
        long sConst = x ? sym.c[s] : dp.imm()[last];
        if (!dKnown || !sKnown) return null;
        long dStep = stride(dMask, step);
        long sStep = stride(sMask, step);
        if (sStep != 0) {
            if (dStep != 0) return null;
            cond = mirror(cond);
            int m = dMask;
            dMask = sMask;
            sMask = m;
            long c = dConst;
            dConst = sConst;
            sConst = c;
            dStep = sStep;
        }
        int tripCond = switch (cond) {
            case LT, SLT -> LoopTrip.LT;
            case LE, SLE -> LoopTrip.LE;
            case NE -> LoopTrip.NE;
            default -> -1;
        };
        if (tripCond < 0 || dStep <= 0 || dStep > MAX_STEP) return null;
        List<LoopPlan.Induction> inductions = new ArrayList<>();
        for (int r = 0; r < REGS; r++) if (affine[r] && step[r] != 0) inductions.add(new LoopPlan.Induction(r, step[r]));
        return new LoopPlan(head, latch, exit, backEdge, dMask, dConst, (int) dStep, sMask, sConst, tripCond,
                List.copyOf(accesses), List.copyOf(inductions));
    }

    private static boolean isWideJump(int op) {
        return op >= MicroOp.JEQ_K && op <= MicroOp.JSLE_X && (op - MicroOp.JEQ_K) % 11 != 3;
    }

    /** Whether the body before the closing jump has no control transfer, call or atomic. */
    private static boolean straightLine(DecodedProgram dp, Block b) {
        for (int pc = b.start(); pc < b.last(); pc++) {
            if (dp.lddwTail()[pc]) continue;
            int op = dp.microOp(pc);
            boolean alu = op >= MicroOp.ADD64_K && op <= MicroOp.CONST_WIDE;
            boolean memory = op >= MicroOp.LDXB && op <= MicroOp.STXDW;
            if (!alu && !memory) return false;
        }
        return true;
    }

    private static long stride(int mask, long[] step) {
        long s = 0;
        for (int r = 0; r < REGS; r++) if ((mask & 1 << r) != 0) s += step[r];
        return s;
    }

    /** The condition that holds exactly when {@code cond} does not (never JSET). */
    private static int negate(int cond) {
        return switch (cond) {
            case EQ -> NE;
            case NE -> EQ;
            case GT -> LE;
            case LE -> GT;
            case GE -> LT;
            case LT -> GE;
            case SGT -> SLE;
            case SLE -> SGT;
            case SGE -> SLT;
            default -> SGE;
        };
    }

    /** The condition c' with {@code a c b == b c' a}. */
    private static int mirror(int cond) {
        return switch (cond) {
            case GT -> LT;
            case LT -> GT;
            case GE -> LE;
            case LE -> GE;
            case SGT -> SLT;
            case SLT -> SGT;
            case SGE -> SLE;
            case SLE -> SGE;
            default -> cond;
        };
    }

    /** Receives each load or store of the body with the state before it. */
    private interface AccessSink {
        void access(int pc, int base, int off, int size, boolean store);
    }

    /** Per register: known, and then the sum of the registers in mask (at iteration start) plus c. */
    private static final class Symbolic {
        final boolean[] known = new boolean[16];
        final int[] mask = new int[16];
        final long[] c = new long[16];

        /** Iteration start: each register is itself, or unknown where {@code affine} says so. */
        void start(boolean[] affine) {
            for (int r = 0; r < 16; r++) {
                known[r] = r < REGS && (affine == null || affine[r]);
                mask[r] = r < REGS ? 1 << r : 0;
                c[r] = 0;
            }
        }

        void run(DecodedProgram dp, Block b, AccessSink sink) {
            for (int pc = b.start(); pc < b.last(); pc++) {
                if (dp.lddwTail()[pc]) continue;
                int w = dp.code()[pc];
                int op = w & 0xff;
                int d = (w >>> 8) & 0xf;
                int s = (w >>> 12) & 0xf;
                long k = dp.imm()[pc];
                boolean load = op >= MicroOp.LDXB && op <= MicroOp.LDXSW;
                boolean store = op >= MicroOp.STB && op <= MicroOp.STXDW;
                if (load || store) {
                    if (sink != null) sink.access(pc, load ? s : d, w >> 16, MemoryEmitter.size(op), store);
                    if (load) known[d] = false;
                    continue;
                }
                step(op, d, s, k);
            }
        }

        private void step(int op, int d, int s, long k) {
            switch (op) {
                case MicroOp.NOP -> { }
                case MicroOp.CONST, MicroOp.CONST_WIDE -> set(d, true, 0, k);
                case MicroOp.MOV64_X -> set(d, known[s], mask[s], c[s]);
                case MicroOp.ADD64_K -> c[d] += k;
                case MicroOp.SUB64_K -> c[d] -= k;
                case MicroOp.ADD64_X -> set(d, known[d] && known[s] && (mask[d] & mask[s]) == 0, mask[d] | mask[s], c[d] + c[s]);
                default -> known[d] = false;
            }
        }

        private void set(int r, boolean k, int m, long v) {
            known[r] = k;
            mask[r] = m;
            c[r] = v;
        }
    }
}
