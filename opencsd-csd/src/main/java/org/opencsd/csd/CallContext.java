package org.opencsd.csd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The call context a kernel finds through {@code bpf_get_call_info}, in FluffleFS's layout
 * (little-endian, packed): {@code u32 op @0, u64 dims.size @4, u64 dims.offset @12,
 * u64 ino.inode @20, u64 ino.parent @28, u32 ino.type @36 + 4 bytes padding, u64 ino.size @44,
 * u64 lba[] @52}, the LBA list holding one LBA per sector of the request followed by a 0 (the
 * terminator the original's {@code next_data_lba} walkers expect; an LBA 0 inside the list is
 * indistinguishable from it for such walkers, so kernels should count entries from dims.size;
 * a hole of the file is listed as {@link #HOLE}).
 * Immutable (the LBA array is copied in and out).
 *
 * @param op         0 = READ_STREAM, 1 = WRITE_EVENT
 * @param size       dims.size: bytes requested
 * @param offset     dims.offset: file offset of the request
 * @param inode      ino.inode
 * @param parent     ino.parent
 * @param type       ino.type: 0 file, 1 directory
 * @param fileSize   ino.size: file size in bytes
 * @param lbas       the LBA list (without the terminator)
 */
public record CallContext(int op, long size, long offset, long inode, long parent, int type,
                          long fileSize, long[] lbas) {
    /** Operation READ_STREAM. */
    public static final int OP_READ_STREAM = 0;
    /** Operation WRITE_EVENT. */
    public static final int OP_WRITE_EVENT = 1;
    /**
     * The LBA-list entry of a block the file never wrote (a hole): 2^64 - 1, never a real LBA.
     * {@code bpf_read} of it (as zone and sector) gives zeroes; see {@code docs/helper-abi.md}.
     */
    public static final long HOLE = -1L;
    /** Offset of the LBA list: the size of the fixed part. */
    public static final int LBA_LIST_OFFSET = 52;

    public CallContext {
        Objects.requireNonNull(lbas, "lbas");
        lbas = lbas.clone();
        if (size < 0 || fileSize < 0) throw new IllegalArgumentException("sizes must be >= 0");
    }

    /**
     * The context {@code csd run} gives a kernel that runs outside a filesystem: a READ_STREAM of
     * every granted LBA in ascending order, as if they were the blocks of one file of that size.
     */
    public static CallContext describing(LbaGrant grant, int lbaSize) {
        long bytes = Math.multiplyExact(grant.lbaCount(), (long) lbaSize);
        return new CallContext(OP_READ_STREAM, bytes, 0, 0, 0, 0, bytes, grant.lbas());
    }

    @Override
    public long[] lbas() {
        return lbas.clone();
    }

    /** Bytes of the encoded context, terminator included. */
    public int encodedSize() {
        return Math.toIntExact(LBA_LIST_OFFSET + 8L * (lbas.length + 1));
    }

    /** Writes the encoded context at {@code offset} of {@code dst}. */
    public void encodeInto(byte[] dst, int offset) {
        ByteBuffer b = ByteBuffer.wrap(dst, offset, encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(op).putLong(size).putLong(this.offset).putLong(inode).putLong(parent).putInt(type).putInt(0)
                .putLong(fileSize);
        for (long lba : lbas) b.putLong(lba);
        b.putLong(0);
    }

    /** The encoded context. */
    public byte[] encode() {
        byte[] out = new byte[encodedSize()];
        encodeInto(out, 0);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallContext c && op == c.op && size == c.size && offset == c.offset && inode == c.inode
                && parent == c.parent && type == c.type && fileSize == c.fileSize && java.util.Arrays.equals(lbas, c.lbas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, size, offset, inode, parent, type, fileSize, java.util.Arrays.hashCode(lbas));
    }

    @Override
    public String toString() {
        return "CallContext[op=" + op + ", size=" + size + ", offset=" + offset + ", inode=" + inode
                + ", lbas=" + lbas.length + "]";
    }
}
