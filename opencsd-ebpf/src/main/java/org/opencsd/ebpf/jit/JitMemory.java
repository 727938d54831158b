package org.opencsd.ebpf.jit;

import static org.opencsd.ebpf.VmMemory.readable;
import static org.opencsd.ebpf.VmMemory.writable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Loads and stores of compiled code. The general forms translate the virtual address through
 * {@link org.opencsd.ebpf.VmMemory#readable} / {@link org.opencsd.ebpf.VmMemory#writable}, the very checks
 * (and faults, with pc, address, size and region) of the interpreter. The {@code direct*} forms
 * index a region's array at an offset: compiled code uses them where it has proven the access
 * inside the current stack frame, and on the fast path of a predicted region, where the array's
 * own bounds check (an {@link IndexOutOfBoundsException}, caught by the compiled code) sends
 * every access that is not plainly inside the region to the exact path. Values are
 * zero-extended unless the name says signed. Stateless; thread-safe.
 */
final class JitMemory {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Stands for an unmapped (or, for stores, read-only) region on fast paths: every index is out of bounds. */
    static final byte[] EMPTY = new byte[0];

    private JitMemory() {}

    static long ldxb(byte[][] t, long a, int pc) {
        return readable(t, a, 1, pc)[(int) a] & 0xffL;
    }

    static long ldxh(byte[][] t, long a, int pc) {
        return (short) I16.get(readable(t, a, 2, pc), (int) a) & 0xffffL;
    }

    static long ldxw(byte[][] t, long a, int pc) {
        return (int) I32.get(readable(t, a, 4, pc), (int) a) & 0xffffffffL;
    }

    static long ldxdw(byte[][] t, long a, int pc) {
        return (long) I64.get(readable(t, a, 8, pc), (int) a);
    }

    static long ldxsb(byte[][] t, long a, int pc) {
        return readable(t, a, 1, pc)[(int) a];
    }

    static long ldxsh(byte[][] t, long a, int pc) {
        return (short) I16.get(readable(t, a, 2, pc), (int) a);
    }

    static long ldxsw(byte[][] t, long a, int pc) {
        return (int) I32.get(readable(t, a, 4, pc), (int) a);
    }

    static void stb(byte[][] w, byte[][] t, long a, long v, int pc) {
        writable(w, t, a, 1, pc)[(int) a] = (byte) v;
    }

    static void sth(byte[][] w, byte[][] t, long a, long v, int pc) {
        I16.set(writable(w, t, a, 2, pc), (int) a, (short) v);
    }

    static void stw(byte[][] w, byte[][] t, long a, long v, int pc) {
        I32.set(writable(w, t, a, 4, pc), (int) a, (int) v);
    }

    static void stdw(byte[][] w, byte[][] t, long a, long v, int pc) {
        I64.set(writable(w, t, a, 8, pc), (int) a, v);
    }

    static long directLdxb(byte[] s, int off) {
        return s[off] & 0xffL;
    }

    static long directLdxh(byte[] s, int off) {
        return (short) I16.get(s, off) & 0xffffL;
    }

    static long directLdxw(byte[] s, int off) {
        return (int) I32.get(s, off) & 0xffffffffL;
    }

    static long directLdxdw(byte[] s, int off) {
        return (long) I64.get(s, off);
    }

    static long directLdxsb(byte[] s, int off) {
        return s[off];
    }

    static long directLdxsh(byte[] s, int off) {
        return (short) I16.get(s, off);
    }

    static long directLdxsw(byte[] s, int off) {
        return (int) I32.get(s, off);
    }

    static void directStb(byte[] s, int off, long v) {
        s[off] = (byte) v;
    }

    static void directSth(byte[] s, int off, long v) {
        I16.set(s, off, (short) v);
    }

    static void directStw(byte[] s, int off, long v) {
        I32.set(s, off, (int) v);
    }

    static void directStdw(byte[] s, int off, long v) {
        I64.set(s, off, v);
    }
}
