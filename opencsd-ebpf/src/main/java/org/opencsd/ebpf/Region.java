package org.opencsd.ebpf;

/**
 * The regions of the VM's virtual address space. A virtual address is
 * {@code (regionId << 32) | offset}; programs only ever see such addresses, never host memory.
 * Region 0 is never mapped, so null pointers (and small integers used as pointers) fault.
 * Ids {@value #FIRST_HOST_ID} to {@value #MAX_ID} are left to the embedding host (for example the
 * storage layer's device memory).
 */
public enum Region {
    /** Never mapped: catches null dereferences. */
    NULL(0),
    /** Code addresses ({@code offset = pc * 8}), usable only as {@code callx} targets. */
    CODE(1),
    /** The call stack: {@link VmMemory#STACK_SIZE} bytes, r10 starts at its top. */
    STACK(2),
    /** Optional scratch heap, sized by {@link VmOptions#heapSize()}. */
    HEAP(3),
    /** The input (context) buffer passed to the program in r1. */
    INPUT(4),
    /** Read-only program data: {@code .rodata*} sections. */
    RODATA(5),
    /** Writable program data: {@code .data*} and {@code .bss*} sections. */
    DATA(6),
    /** A host-defined region (ids 7 to 15). */
    HOST(7);

    /** First region id available to hosts. */
    public static final int FIRST_HOST_ID = 7;
    /** Largest region id. */
    public static final int MAX_ID = 15;

    private final int id;

    Region(int id) {
        this.id = id;
    }

    /** The region id (upper 32 bits of the addresses in this region). */
    public int id() {
        return id;
    }

    /** The virtual address of offset 0 of this region. */
    public long base() {
        return (long) id << 32;
    }

    /** The virtual address of {@code offset} in region {@code id}. */
    public static long address(int id, int offset) {
        return (long) id << 32 | (offset & 0xffffffffL);
    }

    /** The region an address falls in ({@link #HOST} for host ids, {@link #NULL} for ids above 15). */
    public static Region ofAddress(long address) {
        long id = address >>> 32;
        if (id >= FIRST_HOST_ID && id <= MAX_ID) return HOST;
        if (id < FIRST_HOST_ID) return values()[(int) id];
        return NULL;
    }

    /** Human-readable name of {@code address}'s region, e.g. {@code stack} or {@code host#8}. */
    String label(long address) {
        return this == HOST ? "host#" + (address >>> 32) : name().toLowerCase(java.util.Locale.ROOT);
    }
}
