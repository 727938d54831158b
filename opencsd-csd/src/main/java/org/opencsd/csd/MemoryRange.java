package org.opencsd.csd;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A range of device memory allocated from the {@link DeviceMemory} pool: filled by the host
 * ({@link #write}, {@link #fill}) or from LBAs ({@link ComputationalStorageDevice#copyToMemory}),
 * read back with {@link #read}, and mapped into executions that list it in
 * {@link ExecuteRequest#memoryRanges()} (range {@code i} at virtual address {@code (8 + i) << 32},
 * writable).
 *
 * <p>Thread-safety: the handle is safe to share. The contents behave like device DRAM: accesses
 * are not synchronised with each other, so a host that writes a range while a kernel reads it
 * gets whichever bytes land first. Use after {@link DeviceMemory#free} fails with
 * {@link CsdError#INVALID_MEMORY_RANGE}.
 */
public final class MemoryRange {
    private final DeviceMemory owner;
    private final long id;
    private final byte[] bytes;
    private final AtomicBoolean freed = new AtomicBoolean();

    MemoryRange(DeviceMemory owner, long id, byte[] bytes) {
        this.owner = owner;
        this.id = id;
        this.bytes = bytes;
    }

    /** The range's id, unique within its device. */
    public long id() {
        return id;
    }

    /** Size in bytes. */
    public int size() {
        return bytes.length;
    }

    /** Copies {@code length} bytes at {@code offset} out. */
    public byte[] read(int offset, int length) {
        check(offset, length);
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** Copies {@code data} in at {@code offset}. */
    public void write(int offset, byte[] data) {
        check(offset, data.length);
        System.arraycopy(data, 0, bytes, offset, data.length);
    }

    /** Sets {@code length} bytes at {@code offset} to {@code value}. */
    public void fill(int offset, int length, byte value) {
        check(offset, length);
        Arrays.fill(bytes, offset, offset + length, value);
    }

    /** The backing array, after checking the range is live; for the device's own commands. */
    byte[] bytes() {
        check(0, 0);
        return bytes;
    }

    DeviceMemory owner() {
        return owner;
    }

    boolean markFreed() {
        return freed.compareAndSet(false, true);
    }

    /** Fails unless the range is live and {@code [offset, offset + length)} lies inside it. */
    void check(long offset, long length) {
        if (freed.get()) throw new CsdException(CsdError.INVALID_MEMORY_RANGE, this + " was freed");
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new CsdException(CsdError.INVALID_MEMORY_RANGE, length + " bytes at offset " + offset
                    + " lie outside " + this + " (" + bytes.length + " bytes)");
        }
    }

    @Override
    public String toString() {
        return "memory range #" + id;
    }
}
