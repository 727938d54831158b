package org.opencsd.csd;

import java.util.Arrays;

/**
 * The backing array of a kernel's context-and-heap region, reused by the thread that runs
 * executions when the next one asks for the same size: zeroing a 1 MiB array in place costs a
 * fraction of allocating a new one (which the JVM zeroes too, and treats as a humongous object).
 * The array is exactly the requested size, so no kernel can reach bytes beyond its own heap, and
 * it is zeroed before every use, so no kernel sees another's data. Arrays larger than
 * {@value #MAX_CACHED} bytes are not kept. Thread-confined by construction (a thread-local).
 */
final class KernelMemory {
    /** Largest array kept per thread between executions. */
    static final int MAX_CACHED = 16 << 20;

    private static final ThreadLocal<byte[]> CACHED = new ThreadLocal<>();

    private KernelMemory() {}

    /** A zeroed array of exactly {@code size} bytes, owned by the calling thread until its next call. */
    static byte[] zeroed(int size) {
        byte[] b = CACHED.get();
        if (b != null && b.length == size) {
            Arrays.fill(b, (byte) 0);
            return b;
        }
        b = new byte[size];
        CACHED.set(size <= MAX_CACHED ? b : null);
        return b;
    }
}
