package org.opencsd.fuse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Per-thread native buffers for read replies. A read used to allocate (and zero) its reply
 * buffer in the request's arena; for 128 KiB-1 MiB sequential reads that malloc and memset were
 * a measurable part of the request. Each libfuse worker thread now keeps one buffer, grown to
 * the largest read it has served, and reuses it: only the bytes the filesystem put into it are
 * sent ({@code fuse_reply_buf} copies them before the upcall returns).
 *
 * <p>Thread-safety: each thread gets its own buffer; a buffer is used by one request at a time
 * (an upcall runs on its thread until it returns) and is freed by the garbage collector with its
 * thread.
 */
final class ReadBuffers {
    /** Buffers up to this size are kept for reuse; a larger read gets a one-off buffer. */
    static final long MAX_KEPT = 4L << 20;
    private static final long MIN = 128 << 10;
    private static final ThreadLocal<MemorySegment> BUFFER = new ThreadLocal<>();

    private ReadBuffers() {}

    /**
     * A native buffer of at least {@code size} bytes (at least 1) for the calling thread's current
     * read. Its contents are undefined (not zeroed); valid until the thread's next call here.
     * Sizes above {@link #MAX_KEPT} are allocated in {@code oneOff} instead.
     */
    static MemorySegment forRead(long size, Arena oneOff) {
        long n = Math.max(1, size);
        if (n > MAX_KEPT) return oneOff.allocate(n);
        MemorySegment b = BUFFER.get();
        if (b == null || b.byteSize() < n) {
            b = Arena.ofAuto().allocate(Math.max(MIN, Long.highestOneBit(n - 1) << 1), 4096);
            BUFFER.set(b);
        }
        return b;
    }
}
