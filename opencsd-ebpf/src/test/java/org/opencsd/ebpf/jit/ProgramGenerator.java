package org.opencsd.ebpf.jit;

import static org.opencsd.ebpf.Opcodes.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.opencsd.ebpf.Instruction;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.Region;

/**
 * Generates random programs the verifier accepts, for differential testing of the engines. A
 * program initialises its registers and 64 bytes of its stack frame, keeps the input pointer in
 * r6, then runs a random body: ALU and ALU64 operations of every kind (division by zero, signed
 * forms, movsx, byte swaps), {@code lddw}, loads and stores of every width on the input (some out
 * of bounds), the stack, read-only and writable program data and stray pointers, atomics (some misaligned), forward conditional jumps,
 * diamonds, counted loops, helper calls (one that touches memory, one that can fail), local
 * calls, {@code callx} to functions, helpers and bad targets, and recursion through
 * {@code callx} that exceeds the call depth. Not thread-safe; one instance per program.
 */
final class ProgramGenerator {
    /** Input bytes mapped at r1. */
    static final int INPUT = 64;
    /** Bytes of read-only and of writable program data. */
    static final int DATA = 16;

    private final Random rnd;
    private final List<Instruction> code = new ArrayList<>();
    private final List<int[]> jumps = new ArrayList<>();
    private final Map<Integer, Integer> labels = new HashMap<>();
    private final Map<Integer, Integer> jumpDue = new HashMap<>();
    private final List<int[]> calls = new ArrayList<>();
    private int nextLabel;
    private int functions;
    private boolean recursive;
    private final boolean loopHeavy;

    private ProgramGenerator(long seed, boolean loopHeavy) {
        this.rnd = new Random(seed);
        this.loopHeavy = loopHeavy;
    }

    /** The program of {@code seed}. */
    static Program generate(long seed) {
        return new ProgramGenerator(seed, false).program();
    }

    /**
     * The program of {@code seed} in the loop-heavy mix: about a fifth of the main body's items
     * are loops the JIT can version ({@link #countedLoop}), the rest as in {@link #generate}.
     */
    static Program generateLoops(long seed) {
        return new ProgramGenerator(seed, true).program();
    }

    private Program program() {
        functions = rnd.nextInt(3);
        recursive = functions > 0 && rnd.nextInt(16) == 0;
        emit(ALU64(ALU_MOV | SRC_X), 6, 1, 0, 0);
        for (int r : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9}) movImm(r);
        initStack();
        body(5 + rnd.nextInt(30), true);
        for (int f = 0; f < functions; f++) localCall(f);
        emit(EXIT, 0, 0, 0, 0);
        for (int f = 0; f < functions; f++) function(f);
        byte[] rodata = new byte[DATA];
        byte[] data = new byte[DATA];
        rnd.nextBytes(rodata);
        rnd.nextBytes(data);
        return new Program(resolve(), 0, Map.of(), rodata, data);
    }

    private void function(int f) {
        bind(-1 - f);
        movImm(0);
        initStack();
        body(2 + rnd.nextInt(10), false);
        if (recursive && f == 0) {
            lddwFunc(4, 0);
            emit(CALLX, 4, 0, 0, 0);
        }
        emit(EXIT, 0, 0, 0, 0);
    }

    private static int ALU64(int op) {
        return CLS_ALU64 | op;
    }

    private void emit(int opcode, int dst, int src, int off, int imm) {
        code.add(Instruction.of(opcode, dst, src, off, imm));
    }

    private void movImm(int r) {
        emit(ALU64(ALU_MOV), r, 0, 0, rnd.nextInt(5) == 0 ? rnd.nextInt(INPUT) : rnd.nextInt());
    }

    private void initStack() {
        for (int off = -8; off >= -64; off -= 8) emit(CLS_ST | MODE_MEM | SIZE_DW, FP, 0, off, rnd.nextInt());
    }

    /** Registers a body may write: never r6 (input) or r10; r7-r9 only in the entry function. */
    private int dst(boolean main) {
        int[] regs = main ? new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9} : new int[] {0, 1, 2, 3, 4, 5};
        return regs[rnd.nextInt(regs.length)];
    }

    private int src(boolean main) {
        return main && rnd.nextInt(4) == 0 ? 6 : dst(main);
    }

    private void body(int n, boolean main) {
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bindDue(pending, i);
            int kind = rnd.nextInt(100);
            if (main && (loopHeavy ? rnd.nextInt(5) == 0 : kind >= 85 && kind < 87 && rnd.nextBoolean())) {
                countedLoop();
                continue;
            }
            if (kind < 40) alu(main);
            else if (kind < 55) load(main);
            else if (kind < 65) store(main);
            else if (kind < 70) atomic(main);
            else if (kind < 80) pending.add(forwardJump(main, i, n));
            else if (kind < 84) diamond(main);
            else if (kind < 87 && main) loop(main);
            else if (kind < 92) helperCall(main);
            else if (kind < 94) lddw(main);
            else if (main && functions > 0) localCall(rnd.nextInt(functions));
            else alu(main);
        }
        bindDue(pending, n);
        for (int label : pending) bind(label);
    }

    private void bindDue(List<Integer> pending, int index) {
        pending.removeIf(l -> {
            if (jumpDue.getOrDefault(l, -1) <= index) {
                bind(l);
                return true;
            }
            return false;
        });
    }

    private int forwardJump(boolean main, int index, int n) {
        int label = nextLabel++;
        jumpDue.put(label, index + 1 + rnd.nextInt(n - index));
        conditional(main, label);
        return label;
    }

    private void conditional(boolean main, int label) {
        int[] ops = {JMP_JEQ, JMP_JGT, JMP_JGE, JMP_JSET, JMP_JNE, JMP_JSGT, JMP_JSGE, JMP_JLT, JMP_JLE, JMP_JSLT, JMP_JSLE};
        int cls = rnd.nextBoolean() ? CLS_JMP : CLS_JMP32;
        boolean x = rnd.nextBoolean();
        int imm = rnd.nextInt(3) == 0 ? rnd.nextInt() : rnd.nextInt(16) - 8;
        jumps.add(new int[] {code.size(), label, 0});
        emit(cls | ops[rnd.nextInt(ops.length)] | (x ? SRC_X : SRC_K), src(main), x ? src(main) : 0, 0, imm);
    }

    private void diamond(boolean main) {
        int other = nextLabel++;
        int join = nextLabel++;
        conditional(main, other);
        alu(main);
        jumps.add(new int[] {code.size(), join, rnd.nextBoolean() ? 1 : 0});
        emit(JA, 0, 0, 0, 0);
        bind(other);
        alu(main);
        bind(join);
    }

    private void loop(boolean main) {
        emit(ALU64(ALU_MOV), 9, 0, 0, 1 + rnd.nextInt(6));
        int top = nextLabel++;
        bind(top);
        for (int i = rnd.nextInt(4); i >= 0; i--) {
            int r;
            do {
                r = dst(main);
            } while (r == 9);
            aluOn(r, main);
        }
        emit(ALU64(ALU_SUB), 9, 0, 0, 1);
        jumps.add(new int[] {code.size(), top, 0});
        emit(CLS_JMP | JMP_JNE, 9, 0, 0, 0);
    }

    /**
     * A loop of the shape the JIT versions (main function only): r9 counts up from a small start
     * (sometimes negative, which the fast version's entry check declines) by 1 or 2; r8 walks the
     * input, writable or read-only data by a constant step; the bound is r7 or
     * an immediate, tested at the end (jlt/jle/jne and signed forms) or as an exit jump followed
     * by {@code ja} back. The body loads and stores through r8 and through r8 + r9 (out of bounds
     * at some iteration when the walk leaves its region), increments a byte of program data
     * through a proven pointer, does ALU work on r0-r5, and sometimes lowers the bound inside the
     * loop (then the loop is not versioned). Always terminates.
     */
    private void countedLoop() {
        int step = rnd.nextInt(3) == 0 ? 2 : 1;
        int start = rnd.nextInt(8) == 0 ? -1 - rnd.nextInt(4) : rnd.nextInt(4);
        int trips = 1 + rnd.nextInt(rnd.nextInt(6) == 0 ? 40 : 6);
        int cond = rnd.nextInt(6);
        if (start < 0 && cond < 2) cond += 2; // unsigned tests of negative counters could wrap forever
        boolean changeBound = cond < 4 && rnd.nextInt(6) == 0;
        int bound = start + step * trips - (cond < 4 && trips > 2 ? rnd.nextInt(3) : 0);
        boolean boundInReg = changeBound || rnd.nextBoolean();
        emit(ALU64(ALU_MOV), 9, 0, 0, start);
        if (boundInReg) emit(ALU64(ALU_MOV), 7, 0, 0, bound);
        walker();
        int pstep = new int[] {1, 2, 4, 8, 8, 0, -4}[rnd.nextInt(7)];
        boolean stepFirst = rnd.nextInt(3) == 0;
        int top = nextLabel++;
        bind(top);
        if (stepFirst) emit(ALU64(ALU_ADD), 8, 0, 0, pstep);
        for (int i = rnd.nextInt(4); i >= 0; i--) loopItem();
        if (changeBound) emit(ALU64(ALU_SUB), 7, 0, 0, 1);
        if (!stepFirst) emit(ALU64(ALU_ADD), 8, 0, 0, pstep);
        emit(ALU64(ALU_ADD), 9, 0, 0, step);
        int[] continueOps = {JMP_JLT, JMP_JLE, JMP_JSLT, JMP_JSLE, JMP_JNE, JMP_JNE};
        int[] exitOps = {JMP_JGE, JMP_JGT, JMP_JSGE, JMP_JSGT, JMP_JEQ, JMP_JEQ};
        boolean swap = boundInReg && rnd.nextInt(4) == 0;
        if (rnd.nextBoolean()) {
            jumps.add(new int[] {code.size(), top, 0});
            loopTest(swap ? mirror(continueOps[cond]) : continueOps[cond], boundInReg, swap, bound);
        } else {
            int out = nextLabel++;
            jumps.add(new int[] {code.size(), out, 0});
            loopTest(swap ? mirror(exitOps[cond]) : exitOps[cond], boundInReg, swap, bound);
            jumps.add(new int[] {code.size(), top, 0});
            emit(JA, 0, 0, 0, 0);
            bind(out);
        }
    }

    /**
     * r8 := a pointer into the input, program data or read-only data (not the stack: the
     * verifier rejects stack walks it cannot bound).
     */
    private void walker() {
        switch (rnd.nextInt(3)) {
            case 0, 1 -> {
                emit(ALU64(ALU_MOV | SRC_X), 8, 6, 0, 0);
                if (rnd.nextBoolean()) emit(ALU64(ALU_ADD), 8, 0, 0, rnd.nextInt(INPUT / 2));
            }
            default -> {
                long base = (rnd.nextInt(3) == 0 ? Region.RODATA : Region.DATA).base() + rnd.nextInt(DATA);
                emit(LDDW, 8, 0, 0, (int) base);
                emit(0, 0, 0, 0, (int) (base >>> 32));
            }
        }
    }

    private void loopTest(int op, boolean boundInReg, boolean swap, int bound) {
        if (!boundInReg) emit(CLS_JMP | op | SRC_K, 9, 0, 0, bound);
        else if (swap) emit(CLS_JMP | op | SRC_X, 7, 9, 0, 0);
        else emit(CLS_JMP | op | SRC_X, 9, 7, 0, 0);
    }

    private static int mirror(int op) {
        return switch (op) {
            case JMP_JLT -> JMP_JGT;
            case JMP_JLE -> JMP_JGE;
            case JMP_JSLT -> JMP_JSGT;
            case JMP_JSLE -> JMP_JSGE;
            case JMP_JGT -> JMP_JLT;
            case JMP_JGE -> JMP_JLE;
            case JMP_JSGT -> JMP_JSLT;
            case JMP_JSGE -> JMP_JSLE;
            default -> op;
        };
    }

    /** One item of a counted loop's body; writes only r0-r5 and memory. */
    private void loopItem() {
        int[] sizes = {SIZE_B, SIZE_H, SIZE_W, SIZE_DW};
        int size = sizes[rnd.nextInt(4)];
        int off = rnd.nextInt(8) == 0 ? rnd.nextInt(24) - 8 : rnd.nextInt(8);
        switch (rnd.nextInt(7)) {
            case 0, 1 -> emit(CLS_LDX | MODE_MEM | size, dst(false), 8, off, 0);
            case 2 -> {
                if (rnd.nextBoolean()) emit(CLS_ST | MODE_MEM | size, 8, 0, off, rnd.nextInt());
                else emit(CLS_STX | MODE_MEM | size, 8, dst(false), off, 0);
            }
            case 3 -> {
                emit(ALU64(ALU_MOV | SRC_X), 4, 8, 0, 0);
                emit(ALU64(ALU_ADD | SRC_X), 4, 9, 0, 0);
                emit(CLS_LDX | MODE_MEM | SIZE_B, dst(false), 4, off, 0);
            }
            case 4 -> {
                emit(ALU64(ALU_MOV | SRC_X), 5, dst(false), 0, 0);
                emit(ALU64(ALU_AND), 5, 0, 0, 7);
                long base = (rnd.nextInt(4) == 0 ? Region.RODATA : Region.DATA).base();
                emit(LDDW, 3, 0, 0, (int) base);
                emit(0, 0, 0, 0, (int) (base >>> 32));
                emit(ALU64(ALU_ADD | SRC_X), 3, 5, 0, 0);
                emit(CLS_LDX | MODE_MEM | SIZE_B, 2, 3, 0, 0);
                emit(ALU64(ALU_ADD), 2, 0, 0, 1);
                emit(CLS_STX | MODE_MEM | SIZE_B, 3, 2, 0, 0);
            }
            case 5 -> tableItem();
            default -> aluOn(dst(false), false);
        }
    }

    /**
     * A word or double-word counter at a masked, scaled index into program data (or read-only
     * data), the shape {@link LoopTable} copies: the table fits the 16-byte region or not
     * (mask, base and offset), its elements align with the access or not.
     */
    private void tableItem() {
        boolean dw = rnd.nextBoolean();
        int size = dw ? SIZE_DW : SIZE_W;
        emit(ALU64(ALU_MOV | SRC_X), 5, dst(false), 0, 0);
        emit(ALU64(ALU_AND), 5, 0, 0, new int[] {0, 1, 1, 3, 7}[rnd.nextInt(5)]);
        emit(ALU64(ALU_LSH), 5, 0, 0, dw ? 3 : new int[] {2, 2, 3}[rnd.nextInt(3)]);
        long base = (rnd.nextInt(5) == 0 ? Region.RODATA : Region.DATA).base() + new int[] {0, 0, 4, 8}[rnd.nextInt(4)];
        emit(LDDW, 3, 0, 0, (int) base);
        emit(0, 0, 0, 0, (int) (base >>> 32));
        emit(ALU64(ALU_ADD | SRC_X), 3, 5, 0, 0);
        int off = new int[] {0, 0, 4, -4, 8}[rnd.nextInt(5)];
        emit(CLS_LDX | MODE_MEM | size, 2, 3, off, 0);
        emit(ALU64(ALU_ADD), 2, 0, 0, 1);
        if (rnd.nextInt(4) > 0) emit(CLS_STX | MODE_MEM | size, 3, 2, off, 0);
    }

    private void alu(boolean main) {
        aluOn(dst(main), main);
    }

    private void aluOn(int d, boolean main) {
        boolean wide = rnd.nextBoolean();
        int cls = wide ? CLS_ALU64 : CLS_ALU;
        int[] ops = {ALU_ADD, ALU_SUB, ALU_MUL, ALU_DIV, ALU_OR, ALU_AND, ALU_LSH, ALU_RSH, ALU_NEG, ALU_MOD, ALU_XOR,
            ALU_MOV, ALU_ARSH, ALU_END};
        int op = ops[rnd.nextInt(ops.length)];
        boolean x = op != ALU_NEG && rnd.nextBoolean();
        int off = 0;
        int imm = switch (rnd.nextInt(4)) {
            case 0 -> 0;
            case 1 -> rnd.nextInt(70) - 3;
            case 2 -> rnd.nextBoolean() ? Integer.MIN_VALUE : -1;
            default -> rnd.nextInt();
        };
        if ((op == ALU_DIV || op == ALU_MOD) && rnd.nextBoolean()) off = 1;
        if (op == ALU_MOV && x) off = new int[] {0, 8, 16, 32}[rnd.nextInt(wide ? 4 : 3)];
        if (op == ALU_END) {
            imm = new int[] {16, 32, 64}[rnd.nextInt(3)];
            x = !wide && rnd.nextBoolean();
        }
        boolean regOperand = x && op != ALU_END;
        emit(cls | op | (x ? SRC_X : SRC_K), d, regOperand ? src(main) : 0, off, regOperand ? 0 : imm);
    }

    private void lddw(boolean main) {
        long v = rnd.nextLong();
        emit(LDDW, dst(main), 0, 0, (int) v);
        emit(0, 0, 0, 0, (int) (v >>> 32));
    }

    private void lddwFunc(int dst, int function) {
        calls.add(new int[] {code.size(), -1 - function});
        emit(LDDW, dst, LDDW_FUNC, 0, 0);
        emit(0, 0, 0, 0, 0);
    }

    /** A base register and offset for an access of {@code size} bytes. */
    private int[] address(boolean main, int size, boolean forRead) {
        int pick = rnd.nextInt(40);
        if (pick >= 37) {
            long base = (pick == 37 ? Region.RODATA : Region.DATA).base();
            emit(LDDW, 5, 0, 0, (int) base);
            emit(0, 0, 0, 0, (int) (base >>> 32));
            return new int[] {5, rnd.nextInt(DATA + 4 - size)};
        }
        if (pick < 20 && main) {
            int off = rnd.nextInt(12) == 0 ? rnd.nextInt(INPUT + 8) - 4 : rnd.nextInt(INPUT - size + 1);
            return new int[] {6, off};
        }
        if (pick < 39) {
            int slots = 64 / size;
            return new int[] {FP, -size * (1 + rnd.nextInt(slots))};
        }
        return new int[] {src(main), rnd.nextInt(32)};
    }

    private void load(boolean main) {
        int[] sizes = {SIZE_B, SIZE_H, SIZE_W, SIZE_DW};
        int size = sizes[rnd.nextInt(4)];
        boolean sx = size != SIZE_DW && rnd.nextInt(3) == 0;
        int[] a = address(main, sizeBytes(size), true);
        emit(CLS_LDX | (sx ? MODE_MEMSX : MODE_MEM) | size, dst(main), a[0], a[1], 0);
    }

    private void store(boolean main) {
        int[] sizes = {SIZE_B, SIZE_H, SIZE_W, SIZE_DW};
        int size = sizes[rnd.nextInt(4)];
        int[] a = address(main, sizeBytes(size), false);
        if (rnd.nextBoolean()) emit(CLS_ST | MODE_MEM | size, a[0], 0, a[1], rnd.nextInt());
        else emit(CLS_STX | MODE_MEM | size, a[0], src(main), a[1], 0);
    }

    private void atomic(boolean main) {
        int size = rnd.nextBoolean() ? SIZE_W : SIZE_DW;
        int bytes = sizeBytes(size);
        int[] ops = {ATOMIC_ADD, ATOMIC_OR, ATOMIC_AND, ATOMIC_XOR, ATOMIC_ADD | ATOMIC_FETCH, ATOMIC_OR | ATOMIC_FETCH,
            ATOMIC_AND | ATOMIC_FETCH, ATOMIC_XOR | ATOMIC_FETCH, ATOMIC_XCHG, ATOMIC_CMPXCHG};
        int base;
        int off;
        if (main && rnd.nextBoolean()) {
            base = 6;
            off = rnd.nextInt(8) == 0 ? rnd.nextInt(INPUT) : bytes * rnd.nextInt(INPUT / bytes);
        } else {
            base = FP;
            off = -bytes * (1 + rnd.nextInt(64 / bytes));
        }
        emit(CLS_STX | MODE_ATOMIC | size, base, dst(main), off, ops[rnd.nextInt(ops.length)]);
    }

    private void helperCall(boolean main) {
        int kind = rnd.nextInt(6);
        if (kind == 5 && functions > 0) {
            lddwFunc(3, rnd.nextInt(functions));
            emit(CALLX, 3, 0, 0, 0);
        } else if (kind == 4) {
            emit(ALU64(ALU_MOV), 3, 0, 0, rnd.nextInt(4) != 0 ? DifferentialTest.IDENTITY : rnd.nextInt(100));
            emit(CALLX, 3, 0, 0, 0);
        } else {
            int id = new int[] {DifferentialTest.IDENTITY, DifferentialTest.SUM, DifferentialTest.FAILS}[rnd.nextInt(3)];
            if (id == DifferentialTest.SUM && main) emit(ALU64(ALU_MOV | SRC_X), 1, 6, 0, 0);
            emit(CALL, 0, CALL_HELPER, 0, id);
        }
        for (int r = 1; r <= 5; r++) movImm(r);
    }

    private void localCall(int function) {
        emit(ALU64(ALU_MOV | SRC_X), 1, 6, 0, 0);
        calls.add(new int[] {code.size(), -1 - function});
        emit(CALL, 0, CALL_LOCAL, 0, 0);
        for (int r = 1; r <= 5; r++) movImm(r);
    }

    private void bind(int label) {
        labels.put(label, code.size());
    }

    private List<Instruction> resolve() {
        for (int[] j : jumps) {
            Instruction in = code.get(j[0]);
            int rel = labels.get(j[1]) - j[0] - 1;
            code.set(j[0], j[2] == 1 ? Instruction.of(JA32, 0, 0, 0, rel) : Instruction.of(in.opcode(), in.dst(),
                    in.src(), rel, in.imm()));
        }
        for (int[] c : calls) {
            Instruction in = code.get(c[0]);
            code.set(c[0], in.withImm(labels.get(c[1]) - c[0] - 1));
        }
        return code;
    }
}
