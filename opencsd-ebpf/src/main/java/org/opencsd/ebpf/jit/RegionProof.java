package org.opencsd.ebpf.jit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;
import org.opencsd.ebpf.Region;

/**
 * Proves, at compile time, the region of accesses whose base register is a constant region
 * address plus a bounded offset, such as {@code table[(x & 255) << 2]} with {@code table} an
 * {@code lddw} of a data or rodata address. A forward pass over one block tracks, per register,
 * either nothing, a small unsigned range {@code [lo, hi]} (both below 2³¹), or a pointer
 * {@code region base + [lo, hi]} (offsets below 2³¹). An access whose base is such a pointer
 * and whose whole extent stays at offsets {@code [0, 2³¹)} of that region needs no region test:
 * its address's low 32 bits are its offset in the region, and the region array's own bounds
 * check (with the exact path behind it) still decides the rest, as for frame accesses.
 *
 * <p>Sound by construction: the block start knows nothing; a load or ALU operation not modelled
 * below forgets its dst, a jump or no-op nothing, and any other instruction (calls, atomics)
 * every register. Stateless.
 */
final class RegionProof {
    private static final long LIMIT = 1L << 31;
    private static final int TOP = 0, RANGE = 1, PTR = 2;

    private RegionProof() {}

    /** The proven region of each load or store in {@code b} that has one, by pc. */
    static Map<Integer, Integer> of(DecodedProgram dp, Block b) {
        Map<Integer, Integer> proven = new HashMap<>();
        int[] kind = new int[16];
        int[] region = new int[16];
        long[] lo = new long[16];
        long[] hi = new long[16];
        for (int pc = b.start(); pc < b.end() && pc < dp.length(); pc++) {
            if (dp.lddwTail()[pc]) continue;
            int w = dp.code()[pc];
            int op = w & 0xff;
            int d = (w >>> 8) & 0xf;
            int s = (w >>> 12) & 0xf;
            int off = w >> 16;
            long k = dp.imm()[pc];
            boolean load = op >= MicroOp.LDXB && op <= MicroOp.LDXSW;
            boolean store = op >= MicroOp.STB && op <= MicroOp.STXDW;
            if (load || store) {
                int base = load ? s : d;
                if (kind[base] == PTR && lo[base] + off >= 0 && hi[base] + off + 8 <= LIMIT) {
                    proven.put(pc, region[base]);
                }
                if (store) continue;
            }
            switch (op) {
                case MicroOp.CONST, MicroOp.CONST_WIDE -> {
                    long id = k >>> 32;
                    long low = k & 0xffffffffL;
                    if (k >= 0 && k < LIMIT) set(kind, region, lo, hi, d, RANGE, 0, k, k);
                    else if (id >= 1 && id <= Region.MAX_ID && low < LIMIT) set(kind, region, lo, hi, d, PTR, (int) id, low, low);
                    else kind[d] = TOP;
                }
                case MicroOp.MOV64_X -> set(kind, region, lo, hi, d, kind[s], region[s], lo[s], hi[s]);
                case MicroOp.LDXB -> set(kind, region, lo, hi, d, RANGE, 0, 0, 0xff);
                case MicroOp.LDXH -> set(kind, region, lo, hi, d, RANGE, 0, 0, 0xffff);
                case MicroOp.AND64_K, MicroOp.AND32_K -> {
                    if (k >= 0 && k < LIMIT) {
                        set(kind, region, lo, hi, d, RANGE, 0, 0, kind[d] == RANGE ? Math.min(k, hi[d]) : k);
                    } else {
                        kind[d] = TOP;
                    }
                }
                case MicroOp.LSH64_K -> {
                    int n = (int) (k & 63);
                    if (kind[d] == RANGE && n < 31 && hi[d] << n < LIMIT) set(kind, region, lo, hi, d, RANGE, 0, lo[d] << n, hi[d] << n);
                    else kind[d] = TOP;
                }
                case MicroOp.RSH64_K -> {
                    int n = (int) (k & 63);
                    if (kind[d] == RANGE) set(kind, region, lo, hi, d, RANGE, 0, lo[d] >>> n, hi[d] >>> n);
                    else if (n >= 33) set(kind, region, lo, hi, d, RANGE, 0, 0, -1L >>> n);
                    else kind[d] = TOP;
                }
                case MicroOp.ADD64_K -> add(kind, region, lo, hi, d, RANGE, 0, k, k);
                case MicroOp.ADD64_X -> add(kind, region, lo, hi, d, kind[s], region[s], lo[s], hi[s]);
                default -> {
                    if (load || (op >= MicroOp.ADD64_K && op <= MicroOp.SWAP64 && op != MicroOp.NOP)) {
                        kind[d] = TOP; // loads and ALU operations write their dst only
                    } else if (!writesNoRegister(op)) {
                        Arrays.fill(kind, TOP);
                    }
                }
            }
        }
        return proven;
    }

    /** r{d} += a value of kind {@code k2}; the result is known only for range + range or pointer + range. */
    private static void add(int[] kind, int[] region, long[] lo, long[] hi, int d, int k2, int r2, long lo2, long hi2) {
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
        set(kind, region, lo, hi, d, k1 == PTR || k2 == PTR ? PTR : RANGE, k1 == PTR ? region[d] : r2, nlo, nhi);
    }

    private static void set(int[] kind, int[] region, long[] lo, long[] hi, int d, int k, int r, long l, long h) {
        kind[d] = k;
        region[d] = r;
        lo[d] = l;
        hi[d] = h;
    }

    /** Whether {@code op} leaves every register unchanged (jumps, no-ops). */
    private static boolean writesNoRegister(int op) {
        return op == MicroOp.NOP || op == MicroOp.JA || JumpEmitter.isConditional(op);
    }
}
