package org.opencsd.ebpf;

import static org.opencsd.ebpf.VmMemory.I16;
import static org.opencsd.ebpf.VmMemory.I32;
import static org.opencsd.ebpf.VmMemory.I64;
import static org.opencsd.ebpf.VmMemory.readable;
import static org.opencsd.ebpf.VmMemory.writable;

/**
 * The eBPF interpreter: runs a pre-decoded program ({@link Decoder}) in one tight dispatch loop
 * over primitive arrays, with no allocation per instruction. Every memory access is translated
 * and bounds-checked through {@link VmMemory}; every instruction is charged against the budget
 * of {@link VmOptions}; local calls and {@code callx} use up to {@link VmMemory#MAX_FRAMES}
 * frames of {@link VmMemory#FRAME_SIZE} stack bytes each (r6-r9 and r10 are saved and restored).
 *
 * <p>The interpreter does not verify: run {@link Verifier} first. An unverified program still
 * cannot escape its memory or hang past the budget; invalid slots fault when reached.
 * Immutable and thread-safe: concurrent executions each need their own {@link VmMemory}.
 */
public final class Interpreter implements ExecutionEngine {
    private final Program program;
    private final HelperRegistry helpers;
    private final VmOptions options;
    private final DecodedProgram decoded;

    public Interpreter(Program program, HelperRegistry helpers, VmOptions options) {
        this.program = program;
        this.helpers = helpers;
        this.options = options;
        this.decoded = Decoder.decode(program, helpers);
    }

    @Override
    public Program program() {
        return program;
    }

    @Override
    public HelperRegistry helpers() {
        return helpers;
    }

    @Override
    public VmOptions options() {
        return options;
    }

    @Override
    public ExecutionResult execute(VmMemory memory, long r1, long r2, Object attachment) {
        long[] r = new long[16];
        r[1] = r1;
        r[2] = r2;
        r[10] = VmMemory.STACK_TOP;
        Frames frames = new Frames(new HelperContext(memory, attachment), helpers);
        long total = options.effectiveBudget();
        Fuel fuel = frames.context.fuel();
        long left = run(decoded, memory, r, frames, program.entry(), fuel.start(total));
        return new ExecutionResult(r[0], total - left - fuel.reserve());
    }

    /**
     * Hook for compiled code ({@code org.opencsd.ebpf.jit}): runs from {@code pc} with the
     * registers {@code r} (updated in place) and {@code budget}, in a frame at call depth
     * {@code depth}, until that frame exits; returns the unused budget. Compiled code uses it to
     * replay a block its budget cannot pay for (which faults exactly as here) and to run a
     * {@code callx} callee that starts outside any known function.
     */
    public static long resume(DecodedProgram dp, VmMemory memory, long[] r, HelperContext context,
                              HelperRegistry registry, int pc, long budget, int depth) {
        return run(dp, memory, r, new Frames(context, registry, depth), pc, budget);
    }

    /** Per-execution call state: saved registers and return addresses of the frames. */
    static final class Frames {
        final HelperContext context;
        final HelperRegistry registry;
        final long[] saved = new long[VmMemory.MAX_FRAMES * 5];
        final int[] returnPc = new int[VmMemory.MAX_FRAMES];
        /** Depth of the frame whose {@code exit} ends {@link #run}: 0, unless resumed for compiled code. */
        final int base;
        int depth;

        Frames(HelperContext context, HelperRegistry registry) {
            this(context, registry, 0);
        }

        Frames(HelperContext context, HelperRegistry registry, int base) {
            this.context = context;
            this.registry = registry;
            this.base = base;
            this.depth = base;
        }

        /** Pushes a frame for a call from {@code pc} returning to {@code pc + 1}. */
        void push(long[] r, int pc) {
            if (depth + 1 >= VmMemory.MAX_FRAMES) {
                throw VmFault.at(FaultKind.CALL_DEPTH, pc, "call depth exceeds " + VmMemory.MAX_FRAMES + " frames");
            }
            int s = depth * 5;
            saved[s] = r[6];
            saved[s + 1] = r[7];
            saved[s + 2] = r[8];
            saved[s + 3] = r[9];
            saved[s + 4] = r[10];
            returnPc[depth++] = pc + 1;
            r[10] -= VmMemory.FRAME_SIZE;
        }

        /** Pops the innermost frame and returns the pc to continue at. */
        int pop(long[] r) {
            int s = --depth * 5;
            r[6] = saved[s];
            r[7] = saved[s + 1];
            r[8] = saved[s + 2];
            r[9] = saved[s + 3];
            r[10] = saved[s + 4];
            return returnPc[depth];
        }
    }

    /**
     * The dispatch loop. Returns the unused budget when the entry function exits; r0 is in
     * {@code r[0]}.
     */
    static long run(DecodedProgram dp, VmMemory mem, long[] r, Frames frames, int entry, long budget) {
        final int[] code = dp.code();
        final long[] imm = dp.imm();
        final byte[][] rt = mem.readableTable();
        final byte[][] wt = mem.writableTable();
        int pc = entry;
        while (true) {
            if (--budget < 0) budget = refuel(frames, budget, pc);
            final int w = code[pc];
            final int d = (w >>> 8) & 0xf;
            final int s = (w >>> 12) & 0xf;
            switch (w & 0xff) {
                case MicroOp.ADD64_K -> r[d] += imm[pc];
                case MicroOp.SUB64_K -> r[d] -= imm[pc];
                case MicroOp.MUL64_K -> r[d] *= imm[pc];
                case MicroOp.DIV64_K -> { final long k = imm[pc]; r[d] = k == 0 ? 0 : Long.divideUnsigned(r[d], k); }
                case MicroOp.SDIV64_K -> { final long k = imm[pc]; r[d] = k == 0 ? 0 : r[d] / k; }
                case MicroOp.OR64_K -> r[d] |= imm[pc];
                case MicroOp.AND64_K -> r[d] &= imm[pc];
                case MicroOp.LSH64_K -> r[d] <<= imm[pc];
                case MicroOp.RSH64_K -> r[d] >>>= imm[pc];
                case MicroOp.MOD64_K -> { final long k = imm[pc]; r[d] = k == 0 ? r[d] : Long.remainderUnsigned(r[d], k); }
                case MicroOp.SMOD64_K -> { final long k = imm[pc]; r[d] = k == 0 ? r[d] : r[d] % k; }
                case MicroOp.XOR64_K -> r[d] ^= imm[pc];
                case MicroOp.ARSH64_K -> r[d] >>= imm[pc];
                case MicroOp.ADD64_X -> r[d] += r[s];
                case MicroOp.SUB64_X -> r[d] -= r[s];
                case MicroOp.MUL64_X -> r[d] *= r[s];
                case MicroOp.DIV64_X -> r[d] = r[s] == 0 ? 0 : Long.divideUnsigned(r[d], r[s]);
                case MicroOp.SDIV64_X -> r[d] = r[s] == 0 ? 0 : r[d] / r[s];
                case MicroOp.OR64_X -> r[d] |= r[s];
                case MicroOp.AND64_X -> r[d] &= r[s];
                case MicroOp.LSH64_X -> r[d] <<= r[s];
                case MicroOp.RSH64_X -> r[d] >>>= r[s];
                case MicroOp.MOD64_X -> r[d] = r[s] == 0 ? r[d] : Long.remainderUnsigned(r[d], r[s]);
                case MicroOp.SMOD64_X -> r[d] = r[s] == 0 ? r[d] : r[d] % r[s];
                case MicroOp.XOR64_X -> r[d] ^= r[s];
                case MicroOp.MOV64_X -> r[d] = r[s];
                case MicroOp.ARSH64_X -> r[d] >>= r[s];
                case MicroOp.NEG64 -> r[d] = -r[d];
                case MicroOp.MOVSX8_64 -> r[d] = (byte) r[s];
                case MicroOp.MOVSX16_64 -> r[d] = (short) r[s];
                case MicroOp.MOVSX32_64 -> r[d] = (int) r[s];
                case MicroOp.ADD32_K -> r[d] = (r[d] + imm[pc]) & 0xffffffffL;
                case MicroOp.SUB32_K -> r[d] = (r[d] - imm[pc]) & 0xffffffffL;
                case MicroOp.MUL32_K -> r[d] = (r[d] * imm[pc]) & 0xffffffffL;
                case MicroOp.OR32_K -> r[d] = (r[d] | imm[pc]) & 0xffffffffL;
                case MicroOp.AND32_K -> r[d] = r[d] & imm[pc] & 0xffffffffL;
                case MicroOp.XOR32_K -> r[d] = (r[d] ^ imm[pc]) & 0xffffffffL;
                case MicroOp.LSH32_K -> r[d] = ((int) r[d] << imm[pc]) & 0xffffffffL;
                case MicroOp.RSH32_K -> r[d] = ((int) r[d] >>> imm[pc]) & 0xffffffffL;
                case MicroOp.ARSH32_K -> r[d] = ((int) r[d] >> imm[pc]) & 0xffffffffL;
                case MicroOp.ADD32_X -> r[d] = (r[d] + r[s]) & 0xffffffffL;
                case MicroOp.SUB32_X -> r[d] = (r[d] - r[s]) & 0xffffffffL;
                case MicroOp.MUL32_X -> r[d] = (r[d] * r[s]) & 0xffffffffL;
                case MicroOp.OR32_X -> r[d] = (r[d] | r[s]) & 0xffffffffL;
                case MicroOp.AND32_X -> r[d] = r[d] & r[s] & 0xffffffffL;
                case MicroOp.XOR32_X -> r[d] = (r[d] ^ r[s]) & 0xffffffffL;
                case MicroOp.LSH32_X -> r[d] = ((int) r[d] << r[s]) & 0xffffffffL;
                case MicroOp.RSH32_X -> r[d] = ((int) r[d] >>> r[s]) & 0xffffffffL;
                case MicroOp.ARSH32_X -> r[d] = ((int) r[d] >> r[s]) & 0xffffffffL;
                case MicroOp.MOV32_X -> r[d] = r[s] & 0xffffffffL;
                case MicroOp.DIV32_K, MicroOp.SDIV32_K, MicroOp.MOD32_K, MicroOp.SMOD32_K ->
                        r[d] = Alu.div32(w & 0xff, (int) r[d], (int) imm[pc]);
                case MicroOp.DIV32_X, MicroOp.SDIV32_X, MicroOp.MOD32_X, MicroOp.SMOD32_X ->
                        r[d] = Alu.div32(w & 0xff, (int) r[d], (int) r[s]);
                case MicroOp.NEG32 -> r[d] = -(int) r[d] & 0xffffffffL;
                case MicroOp.MOVSX8_32 -> r[d] = (byte) r[s] & 0xffffffffL;
                case MicroOp.MOVSX16_32 -> r[d] = (short) r[s] & 0xffffffffL;
                case MicroOp.TRUNC16 -> r[d] &= 0xffffL;
                case MicroOp.TRUNC32 -> r[d] &= 0xffffffffL;
                case MicroOp.NOP -> { }
                case MicroOp.SWAP16 -> r[d] = Short.reverseBytes((short) r[d]) & 0xffffL;
                case MicroOp.SWAP32 -> r[d] = Integer.reverseBytes((int) r[d]) & 0xffffffffL;
                case MicroOp.SWAP64 -> r[d] = Long.reverseBytes(r[d]);
                case MicroOp.CONST -> r[d] = imm[pc];
                case MicroOp.CONST_WIDE -> {
                    r[d] = imm[pc];
                    pc += 2;
                    continue;
                }
                case MicroOp.JA -> {
                    pc = w >>> 16;
                    continue;
                }
                case MicroOp.JEQ_K -> { if (r[d] == imm[pc]) { pc = w >>> 16; continue; } }
                case MicroOp.JGT_K -> { if (Long.compareUnsigned(r[d], imm[pc]) > 0) { pc = w >>> 16; continue; } }
                case MicroOp.JGE_K -> { if (Long.compareUnsigned(r[d], imm[pc]) >= 0) { pc = w >>> 16; continue; } }
                case MicroOp.JSET_K -> { if ((r[d] & imm[pc]) != 0) { pc = w >>> 16; continue; } }
                case MicroOp.JNE_K -> { if (r[d] != imm[pc]) { pc = w >>> 16; continue; } }
                case MicroOp.JSGT_K -> { if (r[d] > imm[pc]) { pc = w >>> 16; continue; } }
                case MicroOp.JSGE_K -> { if (r[d] >= imm[pc]) { pc = w >>> 16; continue; } }
                case MicroOp.JLT_K -> { if (Long.compareUnsigned(r[d], imm[pc]) < 0) { pc = w >>> 16; continue; } }
                case MicroOp.JLE_K -> { if (Long.compareUnsigned(r[d], imm[pc]) <= 0) { pc = w >>> 16; continue; } }
                case MicroOp.JSLT_K -> { if (r[d] < imm[pc]) { pc = w >>> 16; continue; } }
                case MicroOp.JSLE_K -> { if (r[d] <= imm[pc]) { pc = w >>> 16; continue; } }
                case MicroOp.JEQ_X -> { if (r[d] == r[s]) { pc = w >>> 16; continue; } }
                case MicroOp.JGT_X -> { if (Long.compareUnsigned(r[d], r[s]) > 0) { pc = w >>> 16; continue; } }
                case MicroOp.JGE_X -> { if (Long.compareUnsigned(r[d], r[s]) >= 0) { pc = w >>> 16; continue; } }
                case MicroOp.JSET_X -> { if ((r[d] & r[s]) != 0) { pc = w >>> 16; continue; } }
                case MicroOp.JNE_X -> { if (r[d] != r[s]) { pc = w >>> 16; continue; } }
                case MicroOp.JSGT_X -> { if (r[d] > r[s]) { pc = w >>> 16; continue; } }
                case MicroOp.JSGE_X -> { if (r[d] >= r[s]) { pc = w >>> 16; continue; } }
                case MicroOp.JLT_X -> { if (Long.compareUnsigned(r[d], r[s]) < 0) { pc = w >>> 16; continue; } }
                case MicroOp.JLE_X -> { if (Long.compareUnsigned(r[d], r[s]) <= 0) { pc = w >>> 16; continue; } }
                case MicroOp.JSLT_X -> { if (r[d] < r[s]) { pc = w >>> 16; continue; } }
                case MicroOp.JSLE_X -> { if (r[d] <= r[s]) { pc = w >>> 16; continue; } }
                case MicroOp.JEQ32_K, MicroOp.JGT32_K, MicroOp.JGE32_K, MicroOp.JSET32_K, MicroOp.JNE32_K,
                     MicroOp.JSGT32_K, MicroOp.JSGE32_K, MicroOp.JLT32_K, MicroOp.JLE32_K, MicroOp.JSLT32_K,
                     MicroOp.JSLE32_K -> {
                    if (Alu.cond32((w & 0xff) - MicroOp.JEQ32_K, (int) r[d], (int) imm[pc])) { pc = w >>> 16; continue; }
                }
                case MicroOp.JEQ32_X, MicroOp.JGT32_X, MicroOp.JGE32_X, MicroOp.JSET32_X, MicroOp.JNE32_X,
                     MicroOp.JSGT32_X, MicroOp.JSGE32_X, MicroOp.JLT32_X, MicroOp.JLE32_X, MicroOp.JSLT32_X,
                     MicroOp.JSLE32_X -> {
                    if (Alu.cond32((w & 0xff) - MicroOp.JEQ32_X, (int) r[d], (int) r[s])) { pc = w >>> 16; continue; }
                }
                case MicroOp.LDXB -> { long a = r[s] + (w >> 16); r[d] = readable(rt, a, 1, pc)[(int) a] & 0xffL; }
                case MicroOp.LDXH -> { long a = r[s] + (w >> 16); r[d] = (short) I16.get(readable(rt, a, 2, pc), (int) a) & 0xffffL; }
                case MicroOp.LDXW -> { long a = r[s] + (w >> 16); r[d] = (int) I32.get(readable(rt, a, 4, pc), (int) a) & 0xffffffffL; }
                case MicroOp.LDXDW -> { long a = r[s] + (w >> 16); r[d] = (long) I64.get(readable(rt, a, 8, pc), (int) a); }
                case MicroOp.LDXSB -> { long a = r[s] + (w >> 16); r[d] = readable(rt, a, 1, pc)[(int) a]; }
                case MicroOp.LDXSH -> { long a = r[s] + (w >> 16); r[d] = (short) I16.get(readable(rt, a, 2, pc), (int) a); }
                case MicroOp.LDXSW -> { long a = r[s] + (w >> 16); r[d] = (int) I32.get(readable(rt, a, 4, pc), (int) a); }
                case MicroOp.STB -> { long a = r[d] + (w >> 16); writable(wt, rt, a, 1, pc)[(int) a] = (byte) imm[pc]; }
                case MicroOp.STH -> { long a = r[d] + (w >> 16); I16.set(writable(wt, rt, a, 2, pc), (int) a, (short) imm[pc]); }
                case MicroOp.STW -> { long a = r[d] + (w >> 16); I32.set(writable(wt, rt, a, 4, pc), (int) a, (int) imm[pc]); }
                case MicroOp.STDW -> { long a = r[d] + (w >> 16); I64.set(writable(wt, rt, a, 8, pc), (int) a, imm[pc]); }
                case MicroOp.STXB -> { long a = r[d] + (w >> 16); writable(wt, rt, a, 1, pc)[(int) a] = (byte) r[s]; }
                case MicroOp.STXH -> { long a = r[d] + (w >> 16); I16.set(writable(wt, rt, a, 2, pc), (int) a, (short) r[s]); }
                case MicroOp.STXW -> { long a = r[d] + (w >> 16); I32.set(writable(wt, rt, a, 4, pc), (int) a, (int) r[s]); }
                case MicroOp.STXDW -> { long a = r[d] + (w >> 16); I64.set(writable(wt, rt, a, 8, pc), (int) a, r[s]); }
                case MicroOp.ATOMIC32 -> Atomics.execute(mem, r, d, s, w >> 16, (int) imm[pc], 4, pc);
                case MicroOp.ATOMIC64 -> Atomics.execute(mem, r, d, s, w >> 16, (int) imm[pc], 8, pc);
                case MicroOp.CALL_HELPER -> r[0] = Calls.helper(dp.helpers()[(int) imm[pc]], frames.context, r, pc);
                case MicroOp.CALL_LOCAL -> {
                    frames.push(r, pc);
                    pc = w >>> 16;
                    continue;
                }
                case MicroOp.CALLX -> {
                    int target = Calls.callx(dp, frames, r, r[d], pc);
                    if (target >= 0) {
                        pc = target;
                        continue;
                    }
                }
                case MicroOp.EXIT -> {
                    if (frames.depth == frames.base) return budget;
                    pc = frames.pop(r);
                    continue;
                }
                default -> throw Calls.invalid(dp, pc);
            }
            pc++;
        }
    }

    /** Pays for the instruction at {@code pc} from the execution's reserve, or faults. */
    private static long refuel(Frames frames, long budget, int pc) {
        long topped = frames.context.fuel().refill(budget, 0, pc);
        if (topped < 0) throw budgetFault(pc);
        return topped;
    }

    private static VmFault budgetFault(int pc) {
        return VmFault.at(FaultKind.BUDGET_EXHAUSTED, pc, "instruction budget exhausted");
    }
}
