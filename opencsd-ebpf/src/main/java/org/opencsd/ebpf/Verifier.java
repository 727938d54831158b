package org.opencsd.ebpf;

import static org.opencsd.ebpf.Opcodes.*;
import static org.opencsd.ebpf.VerifierState.SCALAR;
import static org.opencsd.ebpf.VerifierState.UNINIT;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load-time verifier. Accepts a program only if: every slot decodes (valid opcodes,
 * registers and variant fields; see {@link Decoder}); nothing writes r10; jump and call targets
 * are inside the program and not the second slot of {@code lddw}; no path runs past the end;
 * every instruction is reachable from a function start; no register and no stack byte is read
 * before it is written on every path; stack accesses through r10 plus a known offset stay inside
 * the 512-byte frame (and atomics there are aligned); helpers are known and their argument
 * registers set; local calls are not recursive and nest at most {@link VmMemory#MAX_FRAMES} deep.
 * The entry function starts with r1, r2 and r10 set; other functions with r1-r5 and r10.
 *
 * <p>Verification is a forward data-flow analysis per function to a fixpoint (see
 * {@link VerifierState}). It does not prove termination or bounds of accesses through computed
 * pointers: the instruction budget and the per-access checks of the engines cover those.
 * Stateless; thread-safe. The rules are documented in {@code docs/verifier.md}.
 */
public final class Verifier {
    private final Program program;
    private final HelperRegistry helpers;
    private final DecodedProgram decoded;
    private final boolean[] reached;
    /** Per function start: callee start to the pc of (one of) its call sites. */
    private final Map<Integer, Map<Integer, Integer>> callees = new HashMap<>();

    private Verifier(Program program, HelperRegistry helpers) {
        this.program = program;
        this.helpers = helpers;
        this.decoded = Decoder.decode(program, helpers);
        this.reached = new boolean[program.length()];
    }

    /**
     * Verifies {@code program} against {@code helpers}.
     *
     * @throws VerifierException naming the first broken rule and the instruction
     */
    public static void verify(Program program, HelperRegistry helpers) {
        new Verifier(program, helpers).run();
    }

    private void run() {
        int n = program.length();
        if (n == 0 || n > MAX_INSTRUCTIONS) throw new VerifierException(VerifierRule.PROGRAM_SIZE, -1, "", "bad program size " + n);
        for (int pc = 0; pc < n; pc++) {
            if (decoded.errors()[pc] != null) throw reject(decoded.errorRules()[pc], pc, decoded.errors()[pc]);
        }
        for (int start : program.functionStarts()) {
            analyse(start, start == program.entry() ? 2 : 5);
        }
        for (int pc = 0; pc < n; pc++) {
            if (!reached[pc] && !decoded.lddwTail()[pc]) {
                throw reject(VerifierRule.UNREACHABLE, pc, "unreachable instruction");
            }
        }
        checkCallDepth(program.entry(), -1, new ArrayList<>());
        for (int start : program.functionStarts()) checkCallDepth(start, -1, new ArrayList<>());
    }

    private VerifierException reject(VerifierRule rule, int pc, String detail) {
        return new VerifierException(rule, pc, Disassembler.disassemble(program, pc).replace('\n', ' '), detail);
    }

    /** Fixpoint iteration over the function starting at {@code start}. */
    private void analyse(int start, int arguments) {
        VerifierState[] states = new VerifierState[program.length()];
        states[start] = VerifierState.functionEntry(arguments);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.add(start);
        Map<Integer, Integer> calls = callees.computeIfAbsent(start, k -> new java.util.TreeMap<>());
        while (!work.isEmpty()) {
            int pc = work.poll();
            reached[pc] = true;
            VerifierState s = states[pc].copy();
            transfer(pc, s, calls);
            for (int next : successors(pc)) {
                if (next >= program.length()) throw reject(VerifierRule.FALL_OFF_END, pc, "execution can run past the end of the program");
                if (states[next] == null) {
                    states[next] = s.copy();
                    work.add(next);
                } else if (states[next].join(s)) {
                    work.add(next);
                }
            }
        }
    }

    private int[] successors(int pc) {
        int op = decoded.microOp(pc);
        return switch (op) {
            case MicroOp.EXIT -> new int[0];
            case MicroOp.JA -> new int[] {decoded.target(pc)};
            case MicroOp.CONST_WIDE -> new int[] {pc + 2};
            default -> op >= MicroOp.JEQ_K && op <= MicroOp.JSLE32_X ? new int[] {pc + 1, decoded.target(pc)} : new int[] {pc + 1};
        };
    }

    private void read(VerifierState s, int pc, int reg) {
        if (s.regs[reg] == UNINIT) throw reject(VerifierRule.UNINITIALIZED_REGISTER, pc, "r" + reg + " is read before it is written");
    }

    private void transfer(int pc, VerifierState s, Map<Integer, Integer> calls) {
        Instruction in = program.instruction(pc);
        int opc = in.opcode();
        int op = decoded.microOp(pc);
        switch (cls(opc)) {
            case CLS_ALU, CLS_ALU64 -> alu(pc, in, op, s);
            case CLS_JMP, CLS_JMP32 -> jump(pc, in, op, s, calls);
            case CLS_LD -> s.regs[in.dst()] = SCALAR;
            case CLS_LDX -> {
                read(s, pc, in.src());
                stackAccess(pc, s, s.regs[in.src()], in.offset(), sizeBytes(opc), true, false);
                s.regs[in.dst()] = SCALAR;
            }
            case CLS_ST -> {
                read(s, pc, in.dst());
                stackAccess(pc, s, s.regs[in.dst()], in.offset(), sizeBytes(opc), false, false);
            }
            default -> store(pc, in, op, s);
        }
    }

    private void store(int pc, Instruction in, int op, VerifierState s) {
        read(s, pc, in.dst());
        read(s, pc, in.src());
        boolean atomic = op == MicroOp.ATOMIC32 || op == MicroOp.ATOMIC64;
        if (atomic && in.imm() == ATOMIC_CMPXCHG) read(s, pc, 0);
        if (VerifierState.isPointer(s.regs[in.src()])) s.escaped = true;
        stackAccess(pc, s, s.regs[in.dst()], in.offset(), sizeBytes(in.opcode()), atomic, atomic);
        if (atomic && in.imm() == ATOMIC_CMPXCHG) {
            s.regs[0] = SCALAR;
        } else if (atomic && (in.imm() & ATOMIC_FETCH) != 0) {
            s.regs[in.src()] = SCALAR;
        }
    }

    /** Checks an access of {@code size} bytes at {@code base + offset} when base is r10 plus a known offset. */
    private void stackAccess(int pc, VerifierState s, long base, int offset, int size, boolean reads, boolean atomic) {
        if (!VerifierState.isPointer(base)) return;
        long off = base + offset;
        if (off < -VmMemory.FRAME_SIZE || off + size > 0) {
            throw reject(VerifierRule.STACK_OUT_OF_BOUNDS, pc, "stack access of " + size + " bytes at r10" + off
                    + " is outside the " + VmMemory.FRAME_SIZE + "-byte frame");
        }
        if (atomic && off % size != 0) {
            throw reject(VerifierRule.MISALIGNED_ATOMIC, pc, "atomic access at r10" + off + " is not aligned to " + size);
        }
        if (reads && !s.initialized((int) off, size)) {
            throw reject(VerifierRule.UNINITIALIZED_STACK, pc, "stack bytes at r10" + off + " are read before they are written");
        }
        s.write((int) off, size);
    }

    private void alu(int pc, Instruction in, int op, VerifierState s) {
        int d = in.dst();
        boolean x = isRegSource(in.opcode()) && op(in.opcode()) != ALU_END;
        boolean mov = op(in.opcode()) == ALU_MOV;
        if (x) read(s, pc, in.src());
        if (!mov) read(s, pc, d);
        long before = s.regs[d];
        long result = SCALAR;
        if (op == MicroOp.MOV64_X) {
            result = s.regs[in.src()];
        } else if (VerifierState.isPointer(before) && (op == MicroOp.ADD64_K || op == MicroOp.SUB64_K)) {
            long v = op == MicroOp.ADD64_K ? before + in.imm() : before - in.imm();
            result = v == (int) v ? v : SCALAR;
        }
        s.regs[d] = result;
    }

    private void jump(int pc, Instruction in, int op, VerifierState s, Map<Integer, Integer> calls) {
        switch (op) {
            case MicroOp.JA -> { }
            case MicroOp.EXIT -> read(s, pc, 0);
            case MicroOp.CALL_HELPER -> {
                Helper h = helpers.byId(in.imm() & 0xffffffffL).orElseThrow();
                for (int i = 1; i <= h.arity(); i++) {
                    if (s.regs[i] == UNINIT) {
                        throw reject(VerifierRule.HELPER_ARGUMENTS, pc, "helper " + h.name() + " takes " + h.arity()
                                + " arguments but r" + i + " is not set");
                    }
                }
                s.escapeArguments(h.arity());
                s.afterCall();
            }
            case MicroOp.CALL_LOCAL, MicroOp.CALLX -> {
                if (op == MicroOp.CALLX) read(s, pc, in.dst());
                else calls.putIfAbsent(decoded.target(pc), pc);
                s.escapeArguments(5);
                s.afterCall();
            }
            default -> {
                read(s, pc, in.dst());
                if (isRegSource(in.opcode())) read(s, pc, in.src());
            }
        }
    }

    /**
     * Rejects recursion and call chains deeper than the frame limit, starting at {@code fn}
     * (called from the instruction at {@code callPc}, or -1 for a root).
     */
    private void checkCallDepth(int fn, int callPc, List<Integer> chain) {
        if (chain.contains(fn)) {
            throw reject(VerifierRule.CALL_DEPTH, callPc, "recursive call of the function at pc " + fn);
        }
        chain.add(fn);
        if (chain.size() > VmMemory.MAX_FRAMES) {
            throw reject(VerifierRule.CALL_DEPTH, callPc, "local calls nest " + chain.size() + " deep (at most "
                    + VmMemory.MAX_FRAMES + " frames)");
        }
        for (var callee : callees.getOrDefault(fn, Map.of()).entrySet()) {
            checkCallDepth(callee.getKey(), callee.getValue(), chain);
        }
        chain.remove(chain.size() - 1);
    }
}
