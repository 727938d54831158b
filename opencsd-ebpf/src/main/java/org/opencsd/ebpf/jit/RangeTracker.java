package org.opencsd.ebpf.jit;

import java.util.Arrays;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;
import org.opencsd.ebpf.Region;

/**
 * The forward state of {@link RegionProof} inside one block: per register, either nothing
 * ({@link #TOP}), a small unsigned range ({@link #RANGE}: every value in {@code [lo, hi]}, both
 * below 2³¹) or a pointer ({@link #PTR}: region id {@code region} in the upper 32 bits, an offset
 * in {@code [lo, hi]} below 2³¹ in the lower). Every value (for a pointer, every offset) is also
 * {@code lo} plus a multiple of {@code align}, a power of two. Sound by construction: the block
 * start knows nothing ({@link #reset}); a load or ALU operation not modelled forgets its dst, a
 * jump or no-op nothing, and any other instruction (calls, atomics) every register. Not
 * thread-safe.
 */
final class RangeTracker {
    /** Values and offsets stay below this. */
    static final long LIMIT = 1L << 31;
    static final int TOP = 0, RANGE = 1, PTR = 2;

    private final int[] kind = new int[16];
    private final int[] region = new int[16];
    private final long[] lo = new long[16];
    private final long[] hi = new long[16];
    private final long[] align = new long[16];

    /** Forgets every register (a block's start). */
    void reset() {
        Arrays.fill(kind, TOP);
    }

    int kind(int r) {
        return kind[r];
    }

    int region(int r) {
        return region[r];
    }

    long lo(int r) {
        return lo[r];
    }

    long hi(int r) {
        return hi[r];
    }

    long align(int r) {
        return align[r];
    }

    /** Applies the instruction at {@code pc} (not an lddw tail). */
    void step(DecodedProgram dp, int pc) {
        int w = dp.code()[pc];
        int op = w & 0xff;
        int d = (w >>> 8) & 0xf;
        int s = (w >>> 12) & 0xf;
        long k = dp.imm()[pc];
        boolean load = op >= MicroOp.LDXB && op <= MicroOp.LDXSW;
        boolean store = op >= MicroOp.STB && op <= MicroOp.STXDW;
        if (store) return;
        switch (op) {
            case MicroOp.CONST, MicroOp.CONST_WIDE -> {
                long id = k >>> 32;
                long low = k & 0xffffffffL;
                if (k >= 0 && k < LIMIT) set(d, RANGE, 0, k, k, LIMIT);
                else if (id >= 1 && id <= Region.MAX_ID && low < LIMIT) set(d, PTR, (int) id, low, low, LIMIT);
                else kind[d] = TOP;
            }
            case MicroOp.MOV64_X -> set(d, kind[s], region[s], lo[s], hi[s], align[s]);
            case MicroOp.LDXB -> set(d, RANGE, 0, 0, 0xff, 1);
            case MicroOp.LDXH -> set(d, RANGE, 0, 0, 0xffff, 1);
            case MicroOp.AND64_K, MicroOp.AND32_K -> {
                if (k >= 0 && k < LIMIT) {
                    set(d, RANGE, 0, 0, kind[d] == RANGE ? Math.min(k, hi[d]) : k, k == 0 ? LIMIT : Long.lowestOneBit(k));
                } else {
                    kind[d] = TOP;
                }
            }
            case MicroOp.LSH64_K -> {
                int n = (int) (k & 63);
                if (kind[d] == RANGE && n < 31 && hi[d] << n < LIMIT) {
                    set(d, RANGE, 0, lo[d] << n, hi[d] << n, Math.min(LIMIT, align[d] << n));
                } else {
                    kind[d] = TOP;
                }
            }
            case MicroOp.RSH64_K -> {
                int n = (int) (k & 63);
                if (kind[d] == RANGE) set(d, RANGE, 0, lo[d] >>> n, hi[d] >>> n, 1);
                else if (n >= 33) set(d, RANGE, 0, 0, -1L >>> n, 1);
                else kind[d] = TOP;
            }
            case MicroOp.ADD64_K -> add(d, RANGE, 0, k, k, LIMIT);
            case MicroOp.ADD64_X -> add(d, kind[s], region[s], lo[s], hi[s], align[s]);
            default -> {
                if (load || (op >= MicroOp.ADD64_K && op <= MicroOp.SWAP64 && op != MicroOp.NOP)) {
                    kind[d] = TOP; // loads and ALU operations write their dst only
                } else if (!writesNoRegister(op)) {
                    reset();
                }
            }
        }
    }

    /** r{d} += a value of kind {@code k2}; the result is known only for range + range or pointer + range. */
    private void add(int d, int k2, int r2, long lo2, long hi2, long al2) {
        int k1 = kind[d];
        if (k1 == TOP || k2 == TOP || (k1 == PTR && k2 == PTR)) {
            kind[d] = TOP;
            return;
        }
        long nlo = lo[d] + lo2;
        long nhi = hi[d] + hi2;
        if (lo2 < -LIMIT || lo2 >= LIMIT || hi2 >= LIMIT || nlo < 0 || nhi >= LIMIT) {
            kind[d] = TOP;
            return;
        }
        set(d, k1 == PTR || k2 == PTR ? PTR : RANGE, k1 == PTR ? region[d] : r2, nlo, nhi, Math.min(align[d], al2));
    }

    private void set(int d, int k, int r, long l, long h, long al) {
        kind[d] = k;
        region[d] = r;
        lo[d] = l;
        hi[d] = h;
        align[d] = al;
    }

    /** Whether {@code op} leaves every register unchanged (jumps, no-ops). */
    private static boolean writesNoRegister(int op) {
        return op == MicroOp.NOP || op == MicroOp.JA || JumpEmitter.isConditional(op);
    }
}
