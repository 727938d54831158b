package org.opencsd.fuse.fluffle;

import org.opencsd.csd.ComputationalStorageDevice;

/**
 * How {@link KernelOffload} serves an offloading process. Immutable.
 *
 * @param readAhead   read-stream requests a sequential reader's kernel runs ahead of it (0: none;
 *                    see {@link ReadAhead})
 * @param directIoAll the original OpenCSD's compatibility mode: every handle of every process is
 *                    opened {@code direct_io}, so a handle opened before the attach sees kernel
 *                    results too (and no read of this mount uses the page cache)
 */
public record OffloadOptions(int readAhead, boolean directIoAll) {
    public OffloadOptions {
        if (readAhead < 0 || readAhead > 64) throw new IllegalArgumentException("read-ahead must be 0..64: " + readAhead);
    }

    /** Read-ahead of as many requests as the device runs at once; per-process direct I/O. */
    public static OffloadOptions defaults(ComputationalStorageDevice csd) {
        return new OffloadOptions(csd.config().parallelism(), false);
    }

    public OffloadOptions withReadAhead(int n) {
        return new OffloadOptions(n, directIoAll);
    }

    public OffloadOptions withDirectIoAll(boolean on) {
        return new OffloadOptions(readAhead, on);
    }
}
