package org.opencsd.ebpf.jit;

import static org.opencsd.ebpf.jit.Frame.reg;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.MicroOp;
import org.opencsd.ebpf.Opcodes;
import org.opencsd.ebpf.Region;
import org.opencsd.ebpf.VmMemory;

/**
 * Bytecode for the loads, stores and atomics of one segment, in three tiers (the first two
 * in {@link FastPaths}, which HotSpot inlines):
 * <ol>
 * <li>proven: frame-pointer based with a constant offset in {@code [-FRAME_SIZE, -size]}. r10
 *     is read-only and always the top of a frame of the stack region, so the access needs no
 *     translation: it indexes the stack array at r10's offset plus the constant;</li>
 * <li>proven by {@link RegionProof} (a constant region address plus a bounded offset): indexed
 *     like a frame access, at the address's low 32 bits plus the constant, without a region test;</li>
 * <li>predicted: the address's region id is compared with the region {@link RegionGuess}
 *     predicts; if equal, the region's array is indexed directly at the address's offset.</li>
 * </ol>
 * On both fast paths the region's array is cached in a local at segment entry and after every
 * call (a helper may remap regions), as an empty array when the region is unmapped or, for
 * stores, read-only; an {@link IndexOutOfBoundsException} from the array's own bounds check
 * (offset negative, past the end, or an empty array) falls through to the third tier:
 * <ol>
 * <li>exact: {@link JitMemory}'s translation, the interpreter's checks and faults.</li>
 * </ol>
 * Atomics always take the interpreter's shared implementation. Not thread-safe; one instance
 * per segment.
 */
final class MemoryEmitter {
    private final DecodedProgram dp;
    private final Map<Integer, Integer> guesses = new HashMap<>();
    private final Map<Integer, Integer> readSlots = new HashMap<>();
    private final Map<Integer, Integer> writeSlots = new HashMap<>();
    private final Map<Integer, Integer> proven = new HashMap<>();
    private Set<Integer> shared = Set.of();

    /** Plans the predicted regions of the accesses in {@code segment}. */
    MemoryEmitter(DecodedProgram dp, Segment segment) {
        this.dp = dp;
        for (Block b : segment.blocks()) {
            proven.putAll(RegionProof.of(dp, b));
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
        int region = inFrame(base, w >> 16, size(op)) ? Region.STACK.id()
                : proven.getOrDefault(pc, RegionGuess.of(dp, b, pc, base));
        guesses.put(pc, region);
        Map<Integer, Integer> slots = load ? readSlots : writeSlots;
        slots.computeIfAbsent(region, k -> Frame.REGION_CACHE + readSlots.size() + writeSlots.size());
    }

    /** Local slots taken by the cached region arrays, from {@link Frame#REGION_CACHE}. */
    int slotCount() {
        return readSlots.size() + writeSlots.size();
    }

    /**
     * The regions that stores among the slots {@code [from, to)} use and loads of this segment
     * use too, so that both have a cached array (see {@link #shareSlots}).
     */
    Set<Integer> storedAndLoaded(int from, int to) {
        Set<Integer> regions = new TreeSet<>();
        for (int pc = from; pc < to; pc++) {
            Integer region = guesses.get(pc);
            int op = dp.microOp(pc);
            if (region != null && op >= MicroOp.STB && op <= MicroOp.STXDW && readSlots.containsKey(region)) {
                regions.add(region);
            }
        }
        return regions;
    }

    /** The local caching the array loads from {@code region} use. */
    int readSlot(int region) {
        return readSlots.get(region);
    }

    /** The local caching the array stores to {@code region} use. */
    int writeSlot(int region) {
        return writeSlots.get(region);
    }

    /**
     * From now on, stores to {@code regions} take the loads' cached array: only for code where
     * both locals are known to hold the same array (a writable region), which lets HotSpot see
     * that the loads and stores of a loop touch one array. An empty set ends this.
     */
    void shareSlots(Set<Integer> regions) {
        shared = regions;
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

    static int size(int op) {
        return switch (op) {
            case MicroOp.LDXB, MicroOp.LDXSB, MicroOp.STB, MicroOp.STXB -> 1;
            case MicroOp.LDXH, MicroOp.LDXSH, MicroOp.STH, MicroOp.STXH -> 2;
            case MicroOp.LDXDW, MicroOp.STDW, MicroOp.STXDW -> 8;
            default -> 4;
        };
    }

    /** The JitMemory method-name stem of a load micro-op ({@code ldxb} ... {@code ldxsw}). */
    static String loadName(int op) {
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

    private static String frame(String name) {
        return "frame" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private void load(CodeBuilder cob, int op, int d, int s, int off, int pc) {
        String name = loadName(op);
        int region = guesses.get(pc);
        cob.aload(readSlots.get(region));
        if (inFrame(s, off, size(op)) || proven.containsKey(pc)) {
            cob.lload(reg(s)).loadConstant(off).aload(Frame.RD).loadConstant(pc)
                    .invokestatic(Descs.FAST, frame(name), Descs.FRAME_LOAD);
        } else {
            address(cob, s, off);
            cob.loadConstant((long) region).aload(Frame.RD).loadConstant(pc)
                    .invokestatic(Descs.FAST, name, Descs.PREDICTED_LOAD);
        }
        cob.lstore(reg(d));
    }

    private void store(CodeBuilder cob, int op, int d, int s, int off, long k, int pc) {
        boolean imm = op <= MicroOp.STDW;
        String name = storeName(op);
        int region = guesses.get(pc);
        cob.aload(shared.contains(region) ? readSlots.get(region) : writeSlots.get(region));
        if (inFrame(d, off, size(op)) || proven.containsKey(pc)) {
            cob.lload(reg(d)).loadConstant(off);
            value(cob, imm, s, k);
            cob.aload(Frame.WR).aload(Frame.RD).loadConstant(pc).invokestatic(Descs.FAST, frame(name), Descs.FRAME_STORE);
        } else {
            address(cob, d, off);
            value(cob, imm, s, k);
            cob.loadConstant((long) region).aload(Frame.WR).aload(Frame.RD).loadConstant(pc)
                    .invokestatic(Descs.FAST, name, Descs.PREDICTED_STORE);
        }
    }

    private static void value(CodeBuilder cob, boolean imm, int s, long k) {
        if (imm) cob.loadConstant(k);
        else cob.lload(reg(s));
    }

    /** Pushes the virtual address r{base} + {@code off}. */
    private static void address(CodeBuilder cob, int base, int off) {
        cob.lload(reg(base));
        if (off != 0) cob.loadConstant((long) off).ladd();
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
