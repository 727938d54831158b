package org.opencsd.ebpf;

import static org.opencsd.ebpf.Opcodes.*;

/**
 * The atomic read-modify-write instructions ({@code STX | ATOMIC}, word and double word):
 * add/or/and/xor with and without fetch, xchg and cmpxchg. The address is translated and checked
 * like any store and must be aligned to the access size ({@link FaultKind#MISALIGNED} otherwise).
 * The JDK does not offer atomic read-modify-write access modes on {@code byte[]} views (a heap
 * array's elements have no guaranteed host alignment), so each update is made under the monitor of
 * the region's backing array: atomic with respect to every other atomic instruction on that
 * region, from any thread. Plain loads and stores are not ordered against it. Stateless; thread-safe.
 */
public final class Atomics {
    private Atomics() {}

    /** Whether {@code op} (the instruction's imm) is an atomic operation. */
    public static boolean isValid(int op) {
        return switch (op) {
            case ATOMIC_ADD, ATOMIC_OR, ATOMIC_AND, ATOMIC_XOR,
                 ATOMIC_ADD | ATOMIC_FETCH, ATOMIC_OR | ATOMIC_FETCH, ATOMIC_AND | ATOMIC_FETCH,
                 ATOMIC_XOR | ATOMIC_FETCH, ATOMIC_XCHG, ATOMIC_CMPXCHG -> true;
            default -> false;
        };
    }

    /**
     * Executes atomic {@code op} of {@code size} (4 or 8) bytes at {@code r[dst] + offset} with
     * operand {@code r[src]}, updating {@code r[src]} (fetch, xchg) or {@code r[0]} (cmpxchg).
     */
    public static void execute(VmMemory memory, long[] r, int dst, int src, int offset, int op, int size, int pc) {
        long address = r[dst] + offset;
        byte[] b = VmMemory.writable(memory.writableTable(), memory.readableTable(), address, size, pc);
        if ((address & (size - 1)) != 0) throw VmFault.memory(FaultKind.MISALIGNED, pc, address, size);
        int off = (int) address;
        long old;
        synchronized (b) {
            old = size == 8 ? locked64(b, off, op, r[src], r[0]) : locked32(b, off, op, (int) r[src], (int) r[0]);
        }
        if (op == ATOMIC_CMPXCHG) {
            r[0] = old;
        } else if ((op & ATOMIC_FETCH) != 0) {
            r[src] = old;
        }
    }

    private static long locked64(byte[] b, int off, int op, long v, long expected) {
        long old = (long) VmMemory.I64.get(b, off);
        VmMemory.I64.set(b, off, combine(op, old, v, expected));
        return old;
    }

    private static long locked32(byte[] b, int off, int op, int v, int expected) {
        int old = (int) VmMemory.I32.get(b, off);
        VmMemory.I32.set(b, off, (int) combine(op, old, v, expected));
        return old & 0xffffffffL;
    }

    private static long combine(int op, long old, long v, long expected) {
        return switch (op & ~ATOMIC_FETCH) {
            case ATOMIC_ADD -> old + v;
            case ATOMIC_OR -> old | v;
            case ATOMIC_AND -> old & v;
            case ATOMIC_XOR -> old ^ v;
            case ATOMIC_XCHG & ~ATOMIC_FETCH -> v;
            default -> old == expected ? v : old;
        };
    }
}
