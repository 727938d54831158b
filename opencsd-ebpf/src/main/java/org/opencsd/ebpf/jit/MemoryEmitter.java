package org.opencsd.ebpf.jit;

import static org.opencsd.ebpf.jit.Frame.reg;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.util.HashMap;
import java.util.Map;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;
import org.opencsd.ebpf.Opcodes;
import org.opencsd.ebpf.VmMemory;

/**
 * Bytecode for the loads, stores and atomics of one segment, in three tiers:
 * <ol>
 * <li>proven: frame-pointer based with a constant offset in {@code [-FRAME_SIZE, -size]}. Since
 *     r10 is read-only and is the top of a frame of a standard stack (checked once per
 *     execution), the access indexes the stack array directly;</li>
 * <li>predicted: the address's region id is compared with the region {@link RegionGuess}
 *     predicts; if equal, the region's array (cached in a local at segment entry and after
 *     every call, an empty array when unmapped or, for stores, read-only) is indexed directly,
 *     and an {@link IndexOutOfBoundsException} from the array's own bounds check falls through
 *     to the exact path;</li>
 * <li>exact: {@link JitMemory}'s translation, the interpreter's checks and faults.</li>
 * </ol>
 * Atomics always take the interpreter's shared implementation. Not thread-safe; one instance
 * per segment.
 */
final class MemoryEmitter {
    private static final ClassDesc IOOBE = ClassDesc.of("java.lang.IndexOutOfBoundsException");

    private final DecodedProgram dp;
    private final Map<Integer, Integer> guesses = new HashMap<>();
    private final Map<Integer, Integer> readSlots = new HashMap<>();
    private final Map<Integer, Integer> writeSlots = new HashMap<>();

    /** Plans the predicted regions of the accesses in {@code segment}. */
    MemoryEmitter(DecodedProgram dp, Segment segment) {
        this.dp = dp;
        for (Block b : segment.blocks()) {
            for (int pc = b.start(); pc < b.end() && pc < dp.length(); pc++) {
                if (!dp.lddwTail()[pc]) plan(b, pc);
            }
        }
    }

    private void plan(Block b, int pc) {
        int w = dp.code()[pc];
        int op = w & 0xff;
        boolean load = op >= MicroOp.LDXB && op <= MicroOp.LDXSW;
        boolean store = op >= MicroOp.STB && op <= MicroOp.STXDW;
        if (!load && !store) return;
        int base = load ? (w >>> 12) & 0xf : (w >>> 8) & 0xf;
        if (inFrame(base, w >> 16, size(op))) return;
        int region = RegionGuess.of(dp, b, pc, base);
        guesses.put(pc, region);
        Map<Integer, Integer> slots = load ? readSlots : writeSlots;
        slots.computeIfAbsent(region, k -> Frame.REGION_CACHE + readSlots.size() + writeSlots.size());
    }

    /** Loads the cached region arrays; done at segment entry and after every call. */
    void loadRegions(CodeBuilder cob) {
        readSlots.forEach((region, slot) -> loadRegion(cob, Frame.RD, region, slot));
        writeSlots.forEach((region, slot) -> loadRegion(cob, Frame.WR, region, slot));
    }

    private static void loadRegion(CodeBuilder cob, int table, int region, int slot) {
        Label mapped = cob.newLabel();
        cob.aload(table).loadConstant(region).aaload().dup().ifnonnull(mapped).pop()
                .getstatic(Descs.MEMORY, "EMPTY", Descs.BYTES);
        cob.labelBinding(mapped).astore(slot);
    }

    /** Emits the memory micro-op {@code op} at {@code pc}; returns false for other micro-ops. */
    boolean emit(CodeBuilder cob, int op, int d, int s, int off, long k, int pc) {
        if (op >= MicroOp.LDXB && op <= MicroOp.LDXSW) {
            load(cob, op, d, s, off, pc);
        } else if (op >= MicroOp.STB && op <= MicroOp.STXDW) {
            store(cob, op, d, s, off, k, pc);
        } else if (op == MicroOp.ATOMIC32 || op == MicroOp.ATOMIC64) {
            atomic(cob, op == MicroOp.ATOMIC64 ? 8 : 4, d, s, off, (int) k, pc);
        } else {
            return false;
        }
        return true;
    }

    /** Whether an access of {@code size} bytes at r{base} + {@code off} is proven inside the frame. */
    static boolean inFrame(int base, int off, int size) {
        return base == Opcodes.FP && off >= -VmMemory.FRAME_SIZE && off + size <= 0;
    }

    private static int size(int op) {
        return switch (op) {
            case MicroOp.LDXB, MicroOp.LDXSB, MicroOp.STB, MicroOp.STXB -> 1;
            case MicroOp.LDXH, MicroOp.LDXSH, MicroOp.STH, MicroOp.STXH -> 2;
            case MicroOp.LDXDW, MicroOp.STDW, MicroOp.STXDW -> 8;
            default -> 4;
        };
    }

    private static String loadName(int op) {
        return switch (op) {
            case MicroOp.LDXB -> "ldxb";
            case MicroOp.LDXH -> "ldxh";
            case MicroOp.LDXW -> "ldxw";
            case MicroOp.LDXDW -> "ldxdw";
            case MicroOp.LDXSB -> "ldxsb";
            case MicroOp.LDXSH -> "ldxsh";
            default -> "ldxsw";
        };
    }

    private static String storeName(int op) {
        return switch (size(op)) {
            case 1 -> "stb";
            case 2 -> "sth";
            case 4 -> "stw";
            default -> "stdw";
        };
    }

    private static String direct(String name) {
        return "direct" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private void load(CodeBuilder cob, int op, int d, int s, int off, int pc) {
        String name = loadName(op);
        if (inFrame(s, off, size(op))) {
            stackOffset(cob, off);
            cob.invokestatic(Descs.MEMORY, direct(name), Descs.STACK_LOAD).lstore(reg(d));
            return;
        }
        address(cob, s, off);
        Label slow = cob.newLabel();
        Label done = cob.newLabel();
        int region = guesses.get(pc);
        predicted(cob, region, readSlots.get(region), slow, done,
                () -> cob.invokestatic(Descs.MEMORY, direct(name), Descs.STACK_LOAD));
        cob.aload(Frame.RD).lload(Frame.ADDR).loadConstant(pc).invokestatic(Descs.MEMORY, name, Descs.LOAD);
        cob.labelBinding(done).lstore(reg(d));
    }

    private void store(CodeBuilder cob, int op, int d, int s, int off, long k, int pc) {
        boolean imm = op <= MicroOp.STDW;
        String name = storeName(op);
        if (inFrame(d, off, size(op))) {
            stackOffset(cob, off);
            value(cob, imm, s, k);
            cob.invokestatic(Descs.MEMORY, direct(name), Descs.STACK_STORE);
            return;
        }
        address(cob, d, off);
        Label slow = cob.newLabel();
        Label done = cob.newLabel();
        int region = guesses.get(pc);
        predicted(cob, region, writeSlots.get(region), slow, done, () -> {
            value(cob, imm, s, k);
            cob.invokestatic(Descs.MEMORY, direct(name), Descs.STACK_STORE);
        });
        cob.aload(Frame.WR).aload(Frame.RD).lload(Frame.ADDR);
        value(cob, imm, s, k);
        cob.loadConstant(pc).invokestatic(Descs.MEMORY, name, Descs.STORE);
        cob.labelBinding(done);
    }

    /**
     * The predicted-region fast path: with the address in {@link Frame#ADDR}, tests its region
     * id against {@code region}, then pushes the cached array and the offset and runs
     * {@code access}, jumping to {@code done}; a mismatch or an out-of-bounds index continues
     * at {@code slow}, which the caller binds to the exact path right after.
     */
    private static void predicted(CodeBuilder cob, int region, int slot, Label slow, Label done, Runnable access) {
        Label start = cob.newLabel();
        Label end = cob.newLabel();
        Label handler = cob.newLabel();
        cob.lload(Frame.ADDR).bipush(32).lushr().loadConstant((long) region).lcmp().ifne(slow);
        cob.labelBinding(start).aload(slot).lload(Frame.ADDR).l2i();
        access.run();
        cob.labelBinding(end).goto_(done);
        cob.labelBinding(handler).pop();
        cob.labelBinding(slow);
        cob.exceptionCatch(start, end, handler, IOOBE);
    }

    private static void value(CodeBuilder cob, boolean imm, int s, long k) {
        if (imm) cob.loadConstant(k);
        else cob.lload(reg(s));
    }

    /** Pushes the stack-array index of r10 + {@code off}. */
    private static void stackOffset(CodeBuilder cob, int off) {
        cob.aload(Frame.STACK).lload(reg(Opcodes.FP)).l2i().loadConstant(off).iadd();
    }

    /** Stores the virtual address r{base} + {@code off} into {@link Frame#ADDR}. */
    private static void address(CodeBuilder cob, int base, int off) {
        cob.lload(reg(base));
        if (off != 0) cob.loadConstant((long) off).ladd();
        cob.lstore(Frame.ADDR);
    }

    private static void atomic(CodeBuilder cob, int size, int d, int s, int off, int op, int pc) {
        RegisterFile.spill(cob, d);
        if (s != d) RegisterFile.spill(cob, s);
        if (d != 0 && s != 0) RegisterFile.spill(cob, 0);
        cob.aload(Frame.STATE).loadConstant(d).loadConstant(s).loadConstant(off).loadConstant(op)
                .loadConstant(size).loadConstant(pc).invokestatic(Descs.RUNTIME, "atomic", Descs.ATOMIC);
        if (op == Opcodes.ATOMIC_CMPXCHG) RegisterFile.reload(cob, 0);
        else if ((op & Opcodes.ATOMIC_FETCH) != 0) RegisterFile.reload(cob, s);
    }
}
