package org.opencsd.csd;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The device's memory pool (Subsystem Local Memory): a fixed number of bytes, counted in
 * {@value #PAGE}-byte pages, shared by the memory of running executions (reserved for each
 * execution's life) and by {@link MemoryRange}s the host allocates (held until freed). Nothing
 * is ever allocated beyond the pool: a request that does not fit fails with
 * {@link CsdError#MEMORY_EXHAUSTED} (allocations at once, executions after waiting up to their
 * remaining wall time, first come first served).
 *
 * <p>Thread-safe.
 */
public final class DeviceMemory {
    /** Accounting unit of the pool. */
    public static final int PAGE = 4096;

    private final long capacity;
    private final Semaphore pages;
    private final AtomicLong nextId = new AtomicLong(1);

    DeviceMemory(long capacity) {
        this.capacity = capacity / PAGE * PAGE;
        this.pages = new Semaphore(Math.toIntExact(capacity / PAGE), true);
    }

    /** Bytes in the pool. */
    public long capacity() {
        return capacity;
    }

    /** Bytes not reserved or allocated right now. */
    public long available() {
        return (long) pages.availablePermits() * PAGE;
    }

    /**
     * Allocates a zeroed range of {@code bytes} (1 to {@link ExecutionLimits#MAX_REGION_BYTES}).
     *
     * @throws CsdException MEMORY_EXHAUSTED when the pool has no room, INVALID_REQUEST for a bad size
     */
    public MemoryRange allocate(long bytes) {
        if (bytes < 1 || bytes > ExecutionLimits.MAX_REGION_BYTES) {
            throw new CsdException(CsdError.INVALID_REQUEST, "memory range size must be 1.."
                    + ExecutionLimits.MAX_REGION_BYTES + " bytes, not " + bytes);
        }
        int n = pagesFor(bytes);
        if (!pages.tryAcquire(n)) throw exhausted(bytes);
        try {
            return new MemoryRange(this, nextId.getAndIncrement(), new byte[(int) bytes]);
        } catch (OutOfMemoryError e) {
            pages.release(n);
            throw exhausted(bytes);
        }
    }

    /**
     * Frees {@code range}; its contents are gone and further use fails.
     *
     * @throws CsdException INVALID_MEMORY_RANGE when it was freed already or belongs to another device
     */
    public void free(MemoryRange range) {
        if (range.owner() != this) throw new CsdException(CsdError.INVALID_MEMORY_RANGE, range + " belongs to another device");
        if (!range.markFreed()) throw new CsdException(CsdError.INVALID_MEMORY_RANGE, range + " was freed already");
        pages.release(pagesFor(range.size()));
    }

    /**
     * Reserves {@code bytes} for an execution, waiting up to {@code timeoutNanos}; returns the
     * pages to give back with {@link #release(int)}.
     */
    int reserve(long bytes, long timeoutNanos) {
        int n = pagesFor(bytes);
        if ((long) n * PAGE > capacity) throw exhausted(bytes);
        try {
            if (pages.tryAcquire(n, Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS)) return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw exhausted(bytes);
    }

    /** Gives back pages taken by {@link #reserve}. */
    void release(int n) {
        pages.release(n);
    }

    private CsdException exhausted(long bytes) {
        return new CsdException(CsdError.MEMORY_EXHAUSTED, "device memory exhausted: " + bytes + " bytes wanted, "
                + available() + " of " + capacity + " available");
    }

    static int pagesFor(long bytes) {
        return Math.toIntExact((bytes + PAGE - 1) / PAGE);
    }
}
