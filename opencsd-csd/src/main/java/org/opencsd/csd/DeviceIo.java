package org.opencsd.csd;

import java.nio.ByteBuffer;
import org.opencsd.ebpf.HelperContext;
import org.opencsd.ebpf.VmMemory;
import org.opencsd.zns.ZnsException;

/**
 * The device side of {@code bpf_read} and {@code bpf_write}, shared by both ABIs. The order of
 * checks is the contract: (1) arguments that cannot describe an access fail the helper (-1);
 * (2) the VM buffer must lie inside the kernel's memory (else the kernel faults, as for any bad
 * access); (3) every LBA touched must be inside the grant and inside one zone (else -1); only
 * then (4) is the device touched, in chunks of {@value #CHUNK} bytes with the deadline checked
 * between chunks. Stateless; thread-safe.
 */
final class DeviceIo {
    /** Largest single device transfer; the wall-time deadline is checked between chunks. */
    static final int CHUNK = 1 << 20;

    private DeviceIo() {}

    /** Reads {@code size} bytes at byte {@code offset} from the start of {@code lba} into VM address {@code dst}. */
    static long read(HelperContext ctx, long lba, long offset, long size, long dst) {
        ExecutionState s = ExecutionState.of(ctx);
        s.enter(ctx);
        if (size == 0) return 0;
        if (size < 0 || size > Integer.MAX_VALUE || offset < 0 || lba < 0) return s.failure();
        VmMemory m = ctx.memory();
        byte[] target = VmMemory.writable(m.writableTable(), m.readableTable(), dst, (int) size, ctx.pc());
        int lbaSize = s.geometry.lbaSize();
        long first = lba + offset / lbaSize;
        long skip = offset % lbaSize;
        long count = (skip + size + lbaSize - 1) / lbaSize;
        if (first < lba || !inOneZone(s, first, count) || !s.grant.canRead(first, count)) return s.failure();
        try {
            copyIn(ctx, s, first, (int) skip, target, (int) dst, (int) size);
        } catch (ZnsException e) {
            return s.failure();
        }
        s.bytesRead += size;
        return 0;
    }

    /**
     * Reads from a hole of a file ({@link CallContext#HOLE}, an unwritten block): fills {@code size}
     * bytes at VM address {@code dst} with zeroes, at most one sector from {@code offset}; the
     * device is not touched and nothing counts as read. Larger or negative: -1.
     */
    static long readHole(HelperContext ctx, long offset, long size, long dst) {
        ExecutionState s = ExecutionState.of(ctx);
        s.enter(ctx);
        if (size == 0) return 0;
        int lbaSize = s.geometry.lbaSize();
        if (size < 0 || offset < 0 || offset >= lbaSize || size > lbaSize - offset) return s.failure();
        VmMemory m = ctx.memory();
        byte[] target = VmMemory.writable(m.writableTable(), m.readableTable(), dst, (int) size, ctx.pc());
        java.util.Arrays.fill(target, (int) dst, (int) dst + (int) size, (byte) 0);
        return 0;
    }

    /** Zone append of {@code size} bytes at VM address {@code src} to {@code zone}; the sector is stored at {@code sectorPtr}. */
    static long append(HelperContext ctx, long zone, long sectorPtr, long offset, long size, long src) {
        ExecutionState s = ExecutionState.of(ctx);
        s.enter(ctx);
        if (size <= 0 || size > Integer.MAX_VALUE || offset != 0) return s.failure();
        byte[] data = ctx.read(src, (int) size);
        ctx.store64(sectorPtr, ctx.load64(sectorPtr)); // the result pointer must be writable before the device is touched
        var g = s.geometry;
        if (zone < 0 || zone >= g.zoneCount() || !s.grant.canWrite(g.zoneStart((int) zone), g.zoneSize())) return s.failure();
        int lbaSize = g.lbaSize();
        byte[] padded = new byte[(int) ((size + lbaSize - 1) / lbaSize * lbaSize)];
        System.arraycopy(data, 0, padded, 0, data.length);
        long assigned;
        try {
            assigned = s.device.append(g.zoneStart((int) zone), ByteBuffer.wrap(padded));
        } catch (ZnsException e) {
            return s.failure();
        }
        ctx.store64(sectorPtr, assigned - g.zoneStart((int) zone));
        s.bytesWritten += size;
        return 0;
    }

    private static boolean inOneZone(ExecutionState s, long first, long count) {
        var g = s.geometry;
        if (first >= g.totalLbas() || count > g.totalLbas() - first) return false;
        return g.zoneOf(first) == g.zoneOf(first + count - 1);
    }

    /** Device reads straight into the VM array when aligned, else through a bounce buffer. */
    private static void copyIn(HelperContext ctx, ExecutionState s, long first, int skip, byte[] target, int at, int size) {
        int lbaSize = s.geometry.lbaSize();
        if (skip == 0 && size % lbaSize == 0) {
            for (int done = 0; done < size; done += CHUNK) {
                int n = Math.min(CHUNK, size - done);
                s.checkDeadline(ctx);
                s.device.read(first + done / lbaSize, ByteBuffer.wrap(target, at + done, n));
            }
            return;
        }
        int done = 0;
        long lba = first;
        while (done < size) {
            s.checkDeadline(ctx);
            int blocks = (int) Math.min(CHUNK / lbaSize, (skip + (long) (size - done) + lbaSize - 1) / lbaSize);
            byte[] bounce = new byte[blocks * lbaSize];
            s.device.read(lba, ByteBuffer.wrap(bounce));
            int n = Math.min(bounce.length - skip, size - done);
            System.arraycopy(bounce, skip, target, at + done, n);
            done += n;
            lba += blocks;
            skip = 0;
        }
    }
}
