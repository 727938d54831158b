package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The data path: reads (holes and the tail past the size read as zeroes), writes at any offset
 * and length (partial blocks are read, merged and written whole, out of place), and truncate.
 * Invariant kept by writes and truncate: bytes of a mapped block past the file size are zero, so
 * growing a file never exposes old data.
 *
 * <p>Not thread-safe: reads run under the file system's read lock, the rest under its write lock.
 */
final class FileData {
    /** Largest file size: 2^53 bytes (8 PiB); larger sizes are EFBIG. */
    static final long MAX_FILE_SIZE = 1L << 53;
    private static final int B = Superblock.BLOCK;
    /** A write is placed and committed in steps of at most this many bytes. */
    private static final int STEP = 1 << 20;

    private static final byte[] ZEROS = new byte[B];

    private final FsCore core;

    FileData(FsCore core) {
        this.core = core;
    }

    /** Reads from {@code offset} into {@code dst}; returns the bytes read (0 at or past the end). */
    int read(long ino, long offset, ByteBuffer dst) {
        Inode f = core.regular(ino);
        if (offset < 0) throw new FsException(FsErrno.EINVAL, "negative offset");
        if (offset >= f.size || !dst.hasRemaining()) return 0;
        int n = (int) Math.min(dst.remaining(), f.size - offset);
        long end = offset + n;
        long pos = offset;
        for (Extent e : f.extents.find(offset / B, (end + B - 1) / B)) {
            long segStart = Math.max(pos, e.fileBlock() * B);
            zero(dst, segStart - pos);
            long segEnd = Math.min(end, e.endBlock() * B);
            readMapped(e.lbaOf(segStart / B), (int) (segStart % B), (int) (segEnd - segStart), dst);
            pos = segEnd;
        }
        zero(dst, end - pos);
        return n;
    }

    private void readMapped(long lba, int skip, int len, ByteBuffer dst) {
        if (skip == 0 && len % B == 0) {
            int lim = dst.limit();
            dst.limit(dst.position() + len);
            DeviceIo.read(core.device(), lba, dst);
            dst.limit(lim);
            return;
        }
        ByteBuffer tmp = ByteBuffer.allocate((skip + len + B - 1) / B * B);
        DeviceIo.read(core.device(), lba, tmp);
        tmp.position(skip).limit(skip + len);
        dst.put(tmp);
    }

    private static void zero(ByteBuffer dst, long n) {
        while (n > 0) {
            int k = (int) Math.min(n, B);
            dst.put(ZEROS, 0, k);
            n -= k;
        }
    }

    /**
     * Writes all of {@code src} at {@code offset}; returns the bytes written, which is short only
     * when the device filled after part of the data was placed (ENOSPC when nothing was).
     */
    int write(long ino, long offset, ByteBuffer src) {
        Inode f = core.regular(ino);
        if (offset < 0) throw new FsException(FsErrno.EINVAL, "negative offset");
        int total = src.remaining();
        if (offset + total > MAX_FILE_SIZE || offset + total < 0) throw new FsException(FsErrno.EFBIG, "file size limit");
        int done = 0;
        while (done < total) {
            long pos = offset + done;
            int n = (int) Math.min(total - done, STEP - pos % STEP);
            try {
                writeStep(f, pos, src, n);
            } catch (FsException e) {
                if (done > 0 && e.errno() == FsErrno.ENOSPC) return done;
                throw e;
            }
            done += n;
        }
        return total;
    }

    private void writeStep(Inode f, long pos, ByteBuffer src, int n) {
        long firstBlock = pos / B;
        long blocks = (pos + n - 1) / B - firstBlock + 1;
        core.gc().ensureUserSpace(blocks);
        ByteBuffer data;
        int lim = src.limit();
        if (pos % B == 0 && n % B == 0) {
            data = src.duplicate().limit(src.position() + n);
        } else {
            data = ByteBuffer.allocate((int) blocks * B);
            if (pos % B != 0) readBlock(f, firstBlock, data, 0);
            if ((pos + n) % B != 0 && (blocks > 1 || pos % B == 0)) readBlock(f, firstBlock + blocks - 1, data, (int) (blocks - 1) * B);
            data.position((int) (pos % B));
            data.put(src.duplicate().limit(src.position() + n));
            data.clear();
        }
        src.limit(lim);
        List<ZoneAllocator.Run> runs = new ArrayList<>();
        core.alloc().append(StreamKind.USER, data, runs);
        src.position(src.position() + n);
        Tx tx = core.tx();
        long fb = firstBlock;
        for (ZoneAllocator.Run r : runs) {
            tx.add(new LogRecord.MapExtent(f.ino, fb, r.lba(), r.count()));
            fb += r.count();
        }
        long now = core.now();
        tx.add(FsCore.with(f, f.nlink, Math.max(f.size, pos + n), now, now));
        tx.commit();
    }

    /** Copies file block {@code block}'s bytes (zeroes for a hole) into {@code into} at {@code at}. */
    private void readBlock(Inode f, long block, ByteBuffer into, int at) {
        List<Extent> e = f.extents.find(block, block + 1);
        if (e.isEmpty()) return;
        ByteBuffer b = into.duplicate();
        b.position(at).limit(at + B);
        DeviceIo.read(core.device(), e.getFirst().lba(), b);
    }

    /** Sets the size; shrinking unmaps whole blocks past it and zeroes the rest of the last block. */
    void truncate(long ino, long size) {
        Inode f = core.regular(ino);
        if (size < 0) throw new FsException(FsErrno.EINVAL, "negative size");
        if (size > MAX_FILE_SIZE) throw new FsException(FsErrno.EFBIG, "size " + size + " exceeds " + MAX_FILE_SIZE);
        long tailBlock = size / B;
        boolean rewriteTail = size < f.size && size % B != 0 && !f.extents.find(tailBlock, tailBlock + 1).isEmpty();
        List<ZoneAllocator.Run> runs = new ArrayList<>();
        if (rewriteTail) {
            core.gc().ensureUserSpace(1);
            ByteBuffer block = ByteBuffer.allocate(B);
            readBlock(f, tailBlock, block, 0);
            block.position((int) (size % B));
            while (block.hasRemaining()) block.put((byte) 0);
            block.clear();
            core.alloc().append(StreamKind.USER, block, runs);
        }
        Tx tx = core.tx();
        if (size < f.size) tx.add(new LogRecord.Punch(f.ino, (size + B - 1) / B, Long.MAX_VALUE));
        for (ZoneAllocator.Run r : runs) tx.add(new LogRecord.MapExtent(f.ino, tailBlock, r.lba(), r.count()));
        long now = core.now();
        tx.add(FsCore.with(f, f.nlink, size, now, now));
        tx.commit();
    }

    /**
     * Makes bytes {@code [from, to)} (clipped to the size, which stays) read as zeroes: blocks
     * wholly inside are unmapped, so their space becomes garbage for the collector; mapped blocks
     * cut by either end are rewritten with the cut part zeroed. Unmapped blocks stay unmapped.
     */
    void punchHole(long ino, long from, long to) {
        Inode f = core.regular(ino);
        if (from < 0 || to < from) throw new FsException(FsErrno.EINVAL, "punch range " + from + ".." + to);
        long end = Math.min(to, f.size);
        if (from >= end) return;
        long firstWhole = (from + B - 1) / B;
        long endWhole = end / B;
        if (firstWhole > endWhole) {  // inside one block
            zeroPart(f, from, end);
            return;
        }
        zeroPart(f, from, firstWhole * B);
        zeroPart(f, endWhole * B, end);
        if (firstWhole == endWhole) return;
        f = core.regular(ino);
        Tx tx = core.tx();
        tx.add(new LogRecord.Punch(f.ino, firstWhole, endWhole));
        long now = core.now();
        tx.add(FsCore.with(f, f.nlink, f.size, now, now));
        tx.commit();
    }

    /** Zeroes {@code [from, to)}, within one block, by a write; nothing when the block is a hole. */
    private void zeroPart(Inode f, long from, long to) {
        if (from >= to || f.extents.find(from / B, from / B + 1).isEmpty()) return;
        write(f.ino, from, ByteBuffer.wrap(ZEROS, 0, (int) (to - from)));
    }
}
