package org.opencsd.ebpf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The memory of one execution: a table of regions indexed by region id (see {@link Region}),
 * each backed by a {@code byte[]} and either read-only or writable. Every access translates a
 * virtual address with one region lookup and one bounds check ({@link #readable(byte[][], long, int, int)}
 * and {@link #writable(byte[][], byte[][], long, int, int)}, static so that compiled code can call
 * them too); a failed check raises a {@link VmFault} naming the pc, address, size and region.
 *
 * <p>Not thread-safe as a whole: one execution uses it at a time. Region arrays may be shared
 * with other threads by the host (for example device memory); atomic instructions on them are
 * atomic with respect to other atomic instructions.
 */
public final class VmMemory {
    /** Stack bytes per call frame. */
    public static final int FRAME_SIZE = 512;
    /** Maximum number of call frames (the entry function included). */
    public static final int MAX_FRAMES = 8;
    /** Size of the stack region: one frame per possible call level. */
    public static final int STACK_SIZE = FRAME_SIZE * MAX_FRAMES;
    /** Initial r10: the top of the stack region. */
    public static final long STACK_TOP = Region.STACK.base() + STACK_SIZE;

    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[][] readable = new byte[Region.MAX_ID + 1][];
    private final byte[][] writable = new byte[Region.MAX_ID + 1][];

    /** An empty memory: no region mapped. */
    public VmMemory() {}

    /**
     * Memory for one run of {@code program}: a zeroed stack, the program's read-only data, a
     * private copy of its writable data, and a zeroed heap of {@code options.heapSize()} bytes.
     */
    public static VmMemory forProgram(Program program, VmOptions options) {
        VmMemory m = new VmMemory();
        m.map(Region.STACK.id(), new byte[STACK_SIZE], true);
        if (program.rodataShared().length > 0) m.map(Region.RODATA.id(), program.rodataShared(), false);
        byte[] data = program.data();
        if (data.length > 0) m.map(Region.DATA.id(), data, true);
        if (options.heapSize() > 0) m.map(Region.HEAP.id(), new byte[options.heapSize()], true);
        return m;
    }

    /**
     * Maps {@code bytes} (not copied) as region {@code id}; returns the region's base address.
     * Replaces any previous mapping of that id.
     */
    public long map(int id, byte[] bytes, boolean isWritable) {
        if (id <= 0 || id > Region.MAX_ID) throw new IllegalArgumentException("region id out of range: " + id);
        if (id == Region.CODE.id()) throw new IllegalArgumentException("the code region cannot be mapped");
        readable[id] = bytes;
        writable[id] = isWritable ? bytes : null;
        return Region.address(id, 0);
    }

    /** Unmaps every region (for reuse by {@link ScratchMemory}). */
    void unmapAll() {
        java.util.Arrays.fill(readable, null);
        java.util.Arrays.fill(writable, null);
    }

    /** Maps {@code input} (not copied, writable) as the {@link Region#INPUT} region; returns its address. */
    public long mapInput(byte[] input) {
        return map(Region.INPUT.id(), input, true);
    }

    /** The array backing region {@code id}, or {@code null} when unmapped. */
    public byte[] region(int id) {
        return id < 0 || id > Region.MAX_ID ? null : readable[id];
    }

    /** The region table for loads (index = region id). Exposed for engines; do not modify. */
    public byte[][] readableTable() {
        return readable;
    }

    /** The region table for stores (read-only regions are {@code null}). Exposed for engines; do not modify. */
    public byte[][] writableTable() {
        return writable;
    }

    /**
     * Translates a load of {@code size} bytes at {@code address}: returns the backing array, the
     * offset being {@code (int) address}. Faults when the region is unmapped or the access is out
     * of bounds.
     */
    public static byte[] readable(byte[][] table, long address, int size, int pc) {
        long id = address >>> 32;
        if (id < table.length) {
            byte[] b = table[(int) id];
            int off = (int) address;
            if (b != null && off >= 0 && off <= b.length - size) return b;
        }
        throw fault(table, address, size, pc);
    }

    /** As {@link #readable} for stores: read-only regions fault with {@link FaultKind#READ_ONLY}. */
    public static byte[] writable(byte[][] table, byte[][] readTable, long address, int size, int pc) {
        long id = address >>> 32;
        if (id < table.length) {
            byte[] b = table[(int) id];
            int off = (int) address;
            if (b != null && off >= 0 && off <= b.length - size) return b;
        }
        throw fault(readTable, address, size, pc);
    }

    private static boolean inBounds(byte[][] table, long address, int size) {
        long id = address >>> 32;
        if (id >= table.length || table[(int) id] == null) return false;
        int off = (int) address;
        return off >= 0 && off <= table[(int) id].length - size;
    }

    /** The fault for a failed access: read-only when the loads table maps it in bounds. */
    private static VmFault fault(byte[][] table, long address, int size, int pc) {
        long id = address >>> 32;
        boolean mapped = id < table.length && table[(int) id] != null;
        if (mapped && inBounds(table, address, size)) {
            return VmFault.memory(FaultKind.READ_ONLY, pc, address, size);
        }
        return VmFault.memory(mapped ? FaultKind.OUT_OF_BOUNDS : FaultKind.UNMAPPED, pc, address, size);
    }

    // Checked accessors for helpers and hosts. Values are zero-extended.

    public long load8(long address, int pc) {
        return readable(readable, address, 1, pc)[(int) address] & 0xffL;
    }

    public long load16(long address, int pc) {
        return (short) I16.get(readable(readable, address, 2, pc), (int) address) & 0xffffL;
    }

    public long load32(long address, int pc) {
        return (int) I32.get(readable(readable, address, 4, pc), (int) address) & 0xffffffffL;
    }

    public long load64(long address, int pc) {
        return (long) I64.get(readable(readable, address, 8, pc), (int) address);
    }

    public void store8(long address, long value, int pc) {
        writable(writable, readable, address, 1, pc)[(int) address] = (byte) value;
    }

    public void store16(long address, long value, int pc) {
        I16.set(writable(writable, readable, address, 2, pc), (int) address, (short) value);
    }

    public void store32(long address, long value, int pc) {
        I32.set(writable(writable, readable, address, 4, pc), (int) address, (int) value);
    }

    public void store64(long address, long value, int pc) {
        I64.set(writable(writable, readable, address, 8, pc), (int) address, value);
    }

    /** Copies {@code length} bytes at {@code address} out of VM memory (checked). */
    public byte[] readBytes(long address, int length, int pc) {
        if (length < 0) throw VmFault.memory(FaultKind.OUT_OF_BOUNDS, pc, address, length);
        byte[] b = readable(readable, address, length, pc);
        byte[] out = new byte[length];
        System.arraycopy(b, (int) address, out, 0, length);
        return out;
    }

    /** Copies {@code data} into VM memory at {@code address} (checked; the region must be writable). */
    public void writeBytes(long address, byte[] data, int pc) {
        byte[] b = writable(writable, readable, address, data.length, pc);
        System.arraycopy(data, 0, b, (int) address, data.length);
    }
}
