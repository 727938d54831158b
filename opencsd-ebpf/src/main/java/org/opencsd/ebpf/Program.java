package org.opencsd.ebpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.SortedSet;

/**
 * A loaded eBPF program: its instruction slots, the pc of its entry function, the start of
 * every known function (named, when loaded from ELF), and its read-only and writable data
 * images. Immutable and thread-safe; {@link #data()} hands out fresh copies.
 */
public final class Program {
    private final long[] slots;
    private final int entry;
    private final Map<String, Integer> functions;
    private final byte[] rodata;
    private final byte[] data;

    /**
     * @param instructions the slots (1 to {@link Opcodes#MAX_INSTRUCTIONS})
     * @param entry pc of the entry function
     * @param functions function name to start pc (the entry included); copied
     * @param rodata read-only data image (region {@link Region#RODATA}); copied
     * @param data initial writable data image (region {@link Region#DATA}); copied
     * @throws BpfLoadException when the program is empty, too long, or the entry is out of range
     */
    public Program(List<Instruction> instructions, int entry, Map<String, Integer> functions,
                   byte[] rodata, byte[] data) {
        if (instructions.isEmpty()) throw new BpfLoadException("empty program");
        if (instructions.size() > Opcodes.MAX_INSTRUCTIONS) {
            throw new BpfLoadException("program too long: " + instructions.size()
                    + " instructions (at most " + Opcodes.MAX_INSTRUCTIONS + ")");
        }
        if (entry < 0 || entry >= instructions.size()) throw new BpfLoadException("entry pc out of range: " + entry);
        this.slots = instructions.stream().mapToLong(Instruction::encode).toArray();
        this.entry = entry;
        this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        for (var e : this.functions.entrySet()) {
            if (e.getValue() < 0 || e.getValue() >= slots.length) {
                throw new BpfLoadException("function " + e.getKey() + " starts outside the program");
            }
        }
        this.rodata = rodata.clone();
        this.data = data.clone();
    }

    /** A program of {@code instructions} entered at pc 0, with no data. */
    public static Program of(List<Instruction> instructions) {
        return new Program(instructions, 0, Map.of(), new byte[0], new byte[0]);
    }

    /**
     * A program from raw little-endian bytecode, entered at pc 0.
     *
     * @throws BpfLoadException when the length is not a positive multiple of 8 or too long
     */
    public static Program fromBytecode(byte[] bytecode) {
        if (bytecode.length % Instruction.SIZE != 0) {
            throw new BpfLoadException("bytecode length " + bytecode.length + " is not a multiple of 8");
        }
        if (bytecode.length / Instruction.SIZE > Opcodes.MAX_INSTRUCTIONS) {
            throw new BpfLoadException("program too long: " + bytecode.length / Instruction.SIZE
                    + " instructions (at most " + Opcodes.MAX_INSTRUCTIONS + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(bytecode).order(ByteOrder.LITTLE_ENDIAN);
        List<Instruction> list = new ArrayList<>(bytecode.length / 8);
        while (b.hasRemaining()) list.add(Instruction.decode(b.getLong()));
        return of(list);
    }

    /** Number of instruction slots. */
    public int length() {
        return slots.length;
    }

    /** The slot at {@code pc}. */
    public Instruction instruction(int pc) {
        return Instruction.decode(slots[pc]);
    }

    /** The raw encoded slot at {@code pc} (see {@link Instruction#encode()}). */
    public long slot(int pc) {
        return slots[pc];
    }

    /** All slots, decoded. */
    public List<Instruction> instructions() {
        List<Instruction> list = new ArrayList<>(slots.length);
        for (long s : slots) list.add(Instruction.decode(s));
        return list;
    }

    /** The program as little-endian bytecode. */
    public byte[] toBytecode() {
        ByteBuffer b = ByteBuffer.allocate(slots.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long s : slots) b.putLong(s);
        return b.array();
    }

    /** Pc of the entry function. */
    public int entry() {
        return entry;
    }

    /** Named functions (name to start pc), in load order. */
    public Map<String, Integer> functions() {
        return functions;
    }

    /**
     * Start pcs of all functions: the entry, named functions, targets of local calls and code
     * addresses taken with {@code lddw src=4} that are in range.
     */
    public SortedSet<Integer> functionStarts() {
        TreeSet<Integer> starts = new TreeSet<>(functions.values());
        starts.add(entry);
        for (int pc = 0; pc < slots.length; pc++) {
            Instruction in = instruction(pc);
            long target = -1;
            if (in.opcode() == Opcodes.CALL && in.src() == Opcodes.CALL_LOCAL) target = (long) pc + 1 + in.imm();
            if (in.opcode() == Opcodes.LDDW && in.src() == Opcodes.LDDW_FUNC) target = (long) pc + 1 + in.imm();
            if (target >= 0 && target < slots.length) starts.add((int) target);
            if (in.opcode() == Opcodes.LDDW) pc++;
        }
        return Collections.unmodifiableSortedSet(starts);
    }

    /** A copy of the read-only data image. */
    public byte[] rodata() {
        return rodata.length == 0 ? rodata : rodata.clone();
    }

    /** The read-only image itself, for mapping read-only into executions. */
    byte[] rodataShared() {
        return rodata;
    }

    /** A fresh copy of the initial writable data image. */
    public byte[] data() {
        return data.clone();
    }

    /** The initial writable data image itself, to copy from; never map or modify it. */
    byte[] dataShared() {
        return data;
    }
}
